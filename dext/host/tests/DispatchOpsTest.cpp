/*
 * TakeDispatchEntries (protocol 6) against NullDriver's release host: the entries NullDriver's table
 * gives IOUserClient::ExternalMethod, field by field, none for the selectors it answers itself, and a
 * capacity over the cap dropped before dksim sees it.
 */
#include "HostFixture.h"

using dexthost::Op;

namespace {

using DispatchOps = HostFixture;

Request ScalarCall(uint64_t connection, uint32_t selector)
{
    return Request().U64(connection).U32(selector).U64s({}).U64(0).U32(0).U64(0);
}

TEST_F(DispatchOps, TheEntriesOfTheTableComeFieldByFieldAndTheUncheckedSelectorsShowNone)
{
    uint64_t connection = OpenNullDriver();
    for (uint32_t selector : {0u, 1u, 3u, 7u}) Ask(Op::CallMethod, ScalarCall(connection, selector));
    auto taken = Ask(Op::TakeDispatchEntries, Request().U32(16));
    EXPECT_EQ(taken.status, kIOReturnSuccess);
    ASSERT_EQ(taken.U32(), 2u) << "Scalar and Struct never reach super::ExternalMethod";
    EXPECT_EQ(taken.U64(), connection);
    EXPECT_EQ(taken.U64(), 3u);
    EXPECT_EQ(taken.U32(), 0u) << "flags";
    EXPECT_EQ(taken.U32(), 0u) << "checkCompletionExists";
    EXPECT_EQ(taken.U32(), 0u) << "checkScalarInputCount";
    EXPECT_EQ(taken.U32(), 16u) << "checkStructureInputSize";
    EXPECT_EQ(taken.U32(), 0u) << "checkScalarOutputCount";
    EXPECT_EQ(taken.U32(), 16u) << "checkStructureOutputSize";
    EXPECT_EQ(taken.U32(), 1u) << "calls";
    EXPECT_EQ(taken.U64(), connection);
    EXPECT_EQ(taken.U64(), 7u);
    EXPECT_EQ(taken.U32(), 1u) << "past the table: no entry";
    for (int field = 0; field < 5; field++) EXPECT_EQ(taken.U32(), 0u);
    EXPECT_EQ(taken.U32(), 1u);
    EXPECT_TRUE(taken.AtEnd());
    auto again = Ask(Op::TakeDispatchEntries, Request().U32(16));
    EXPECT_EQ(again.U32(), 0u);
    EXPECT_TRUE(again.AtEnd());
}

TEST_F(DispatchOps, ACapacityOverTheCapIsDropped)
{
    Response response;
    EXPECT_FALSE(client_->Exchange(OpNumber(Op::TakeDispatchEntries), Request().U32(4097), response))
        << "the host answered a capacity over kMaxDispatchEntries";
}

} // namespace

/*
 * The shared-memory operations (protocol 4) against NullDriver's release host. NullDriver shares no
 * memory (it does not override CopyClientMemoryForType), so these are the failing answers: their
 * shape never depends on the status, and a bad frame is dropped before dksim sees it. The successful
 * paths are tested through SharedMemoryDriver (dext/tests/shared-memory) and the harness.
 */
#include "HostFixture.h"

using dexthost::Op;

namespace {

using MemoryOps = HostFixture;

TEST_F(MemoryOps, AMapTheDextRefusesIsBadArgumentWithAZeroMapping)
{
    uint64_t connection = OpenNullDriver();
    auto map = Ask(Op::MapMemory, Request().U64(connection).U32(0));
    EXPECT_EQ(map.status, kIOReturnBadArgument) << "xnu: every failed IOConnectMapMemory64";
    EXPECT_EQ(map.U64(), 0u) << "options";
    EXPECT_EQ(map.U64(), 0u) << "map";
    EXPECT_EQ(map.U64(), 0u) << "length";
    EXPECT_TRUE(map.AtEnd());
    auto closed = Ask(Op::MapMemory, Request().U64(0xDEAD).U32(0));
    EXPECT_EQ(closed.status, kIOReturnNotOpen);
}

TEST_F(MemoryOps, ReadsAnswerTheBytesAskedForEvenWhenTheyFail)
{
    auto read = Ask(Op::ReadMemory, Request().U64(42).U64(0).U64(5));
    EXPECT_EQ(read.status, kIOReturnBadArgument) << "no mapping 42";
    ASSERT_EQ(read.U64(), 5u);
    EXPECT_EQ(read.Raw(5), std::vector<uint8_t>(5, 0));
    EXPECT_TRUE(read.AtEnd());
    uint8_t bytes[3] = {1, 2, 3};
    auto write = Ask(Op::WriteMemory, Request().U64(42).U64(0).U64(3).Raw(bytes, 3));
    EXPECT_EQ(write.status, kIOReturnBadArgument);
    EXPECT_TRUE(write.AtEnd());
    auto unmap = Ask(Op::UnmapMemory, Request().U64(42));
    EXPECT_EQ(unmap.status, kIOReturnBadArgument);
}

TEST_F(MemoryOps, AWriteWhoseBytesRunPastTheFrameIsDropped)
{
    Request request;
    request.U64(1).U64(0).U64(100).Raw("abc", 3);
    Response response;
    EXPECT_FALSE(client_->Exchange(OpNumber(Op::WriteMemory), request, response))
        << "the host answered a malformed frame";
}

} // namespace

/* The default IOUserClient::ExternalMethod: each check, in order, and its return code. */
#include "Dksim.h"

using namespace dksimtest;

namespace {

class DispatchChecks : public DksimTest
{
protected:
    void SetUp() override
    {
        DksimTest::SetUp();
        connection = Open("ProbeDriver", {"com.example.ProbeDriver"});
    }
    /* Selector 0's entry: completion absent, 2 scalars in, 8 bytes in, 3 scalars out, 4 bytes out. */
    Shape WellShaped() const { return Shape{{7, 9}, {1, 2, 3, 4, 5, 6, 7, 8}, 3, 4}; }
    dksim_connection_t connection = 0;
};

TEST_F(DispatchChecks, WellShapedCallReachesTheFunction)
{
    CallOutcome outcome = Call(connection, 0, WellShaped());
    ASSERT_EQ(kSuccess, outcome.status);
    EXPECT_EQ((std::vector<uint64_t>{7, 10, 9}), outcome.scalars);
    EXPECT_EQ((std::vector<uint8_t>{1, 2, 3, 4}), outcome.bytes);
}

TEST_F(DispatchChecks, CompletionPresentWhereItMustBeAbsent)
{
    std::vector<uint64_t> reference(8, 0);
    EXPECT_EQ(kBadArgument, Call(connection, 0, WellShaped(), &reference).status);
}

TEST_F(DispatchChecks, CompletionAbsentWhereItIsRequired)
{
    EXPECT_EQ(kBadArgument, Call(connection, 3, Shape{{0, 1}, {}, 0, 0}).status);
}

TEST_F(DispatchChecks, ScalarInputCount)
{
    for (size_t count : {0, 1, 3, 16}) {
        Shape shape = WellShaped();
        shape.scalarsIn.assign(count, 1);
        EXPECT_EQ(kBadArgument, Call(connection, 0, shape).status) << count;
    }
}

TEST_F(DispatchChecks, StructureInputSize)
{
    for (size_t size : {0, 7, 9, 4096, 4097}) {
        Shape shape = WellShaped();
        shape.bytesIn.assign(size, 1);
        EXPECT_EQ(kBadArgument, Call(connection, 0, shape).status) << size;
    }
}

TEST_F(DispatchChecks, ScalarOutputCount)
{
    for (uint32_t capacity : {0u, 2u, 4u, 16u}) {
        Shape shape = WellShaped();
        shape.scalarCapacity = capacity;
        EXPECT_EQ(kBadArgument, Call(connection, 0, shape).status) << capacity;
    }
}

TEST_F(DispatchChecks, StructureOutputSizeIsTheCallersCapacity)
{
    for (uint64_t capacity : {0ull, 3ull, 5ull, 4097ull}) {
        Shape shape = WellShaped();
        shape.structCapacity = capacity;
        EXPECT_EQ(kBadArgument, Call(connection, 0, shape).status) << capacity;
    }
}

TEST_F(DispatchChecks, CompletionIsCheckedBeforeCounts)
{
    /* Everything wrong at once: the first check decides, and it is still BadArgument. */
    std::vector<uint64_t> reference(8, 0);
    EXPECT_EQ(kBadArgument, Call(connection, 0, Shape{{}, {}, 0, 0}, &reference).status);
}

TEST_F(DispatchChecks, VariableSizeAcceptsAnyShape)
{
    std::vector<uint64_t> reference(8, 0);
    for (size_t scalars : {0, 5, 16})
        for (size_t bytes : {0, 1, 4096, 5000}) {
            Shape shape{std::vector<uint64_t>(scalars, 1), std::vector<uint8_t>(bytes, 1), 6, 10};
            CallOutcome outcome = Call(connection, 1, shape, scalars == 5 ? &reference : nullptr);
            ASSERT_EQ(kSuccess, outcome.status) << scalars << "/" << bytes;
            ASSERT_EQ(6u, outcome.scalars.size());
            EXPECT_EQ(scalars, outcome.scalars[0]);
            EXPECT_EQ(bytes <= 4096 ? bytes : 0, outcome.scalars[1]) << "in-band length";
            EXPECT_EQ(bytes > 4096 ? bytes : 0, outcome.scalars[2]) << "descriptor length";
            EXPECT_EQ(10u, outcome.scalars[3]);
            EXPECT_EQ(0u, outcome.scalars[4]);
            EXPECT_EQ(scalars == 5 ? 1u : 0u, outcome.scalars[5]);
        }
}

TEST_F(DispatchChecks, DescriptorInputLengthCountsForTheSizeCheck)
{
    /* 4097 bytes arrive as a descriptor; selector 0 wants 8 and must see 4097, not 0. */
    Shape shape = WellShaped();
    shape.bytesIn.assign(4097, 1);
    EXPECT_EQ(kBadArgument, Call(connection, 0, shape).status);
}

TEST_F(DispatchChecks, EntryWithoutFunctionIsNoCompletion)
{
    EXPECT_EQ(kNoCompletion, Call(connection, 6, Shape{}).status);
}

TEST_F(DispatchChecks, NoDispatchEntryIsUnsupported)
{
    EXPECT_EQ(kUnsupported, Call(connection, 9, Shape{}).status);
    EXPECT_EQ(kUnsupported, Call(connection, 0xffffffffu, Shape{}).status);
}

} // namespace

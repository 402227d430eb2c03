/* What the simulated kernel does between app and dext: limits, in-band vs descriptor, copy-back. */
#include "Dksim.h"

using namespace dksimtest;

namespace {

class KernelBoundary : public DksimTest
{
protected:
    void SetUp() override
    {
        DksimTest::SetUp();
        connection = Open("ProbeDriver", {"com.example.ProbeDriver"});
    }
    dksim_connection_t connection = 0;
};

TEST_F(KernelBoundary, MoreThanSixteenScalarsFailInTheAppWithMigArrayTooLarge)
{
    CallOutcome outcome = Call(connection, 1, Shape{std::vector<uint64_t>(17, 1), {}, 6, 0});
    EXPECT_EQ(DKSIM_MIG_ARRAY_TOO_LARGE, outcome.status);
    EXPECT_TRUE(outcome.scalars.empty());
    EXPECT_EQ(std::string::npos, ReadLog(connection).find("selector 1")) << "the dext must not have run";
}

TEST_F(KernelBoundary, ScalarOutputCapacityIsClampedToSixteen)
{
    CallOutcome outcome = Call(connection, 1, Shape{{}, {}, 40, 0});
    ASSERT_EQ(kSuccess, outcome.status);
    EXPECT_EQ(6u, outcome.scalars.size());
    /* Selector 0 wants exactly 3 outputs: a capacity of 40 reaches the check as 16. */
    EXPECT_EQ(kBadArgument, Call(connection, 0, Shape{{1, 2}, std::vector<uint8_t>(8, 0), 40, 4}).status);
}

TEST_F(KernelBoundary, LargeInputsArriveAsADescriptorOfTheCallersLength)
{
    CallOutcome inband = Call(connection, 1, Shape{{}, std::vector<uint8_t>(4096, 1), 6, 0});
    ASSERT_EQ(kSuccess, inband.status);
    EXPECT_EQ(4096u, inband.scalars[1]);
    EXPECT_EQ(0u, inband.scalars[2]);
    CallOutcome descriptor = Call(connection, 1, Shape{{}, std::vector<uint8_t>(70000, 1), 6, 0});
    ASSERT_EQ(kSuccess, descriptor.status);
    EXPECT_EQ(0u, descriptor.scalars[1]);
    EXPECT_EQ(70000u, descriptor.scalars[2]);
}

TEST_F(KernelBoundary, LargeOutputsGetADescriptorAndTheMaximumSize)
{
    CallOutcome small = Call(connection, 1, Shape{{}, {}, 6, 4096});
    ASSERT_EQ(kSuccess, small.status);
    EXPECT_EQ(4096u, small.scalars[3]);
    EXPECT_EQ(0u, small.scalars[4]);
    CallOutcome large = Call(connection, 1, Shape{{}, {}, 6, 4097});
    ASSERT_EQ(kSuccess, large.status);
    EXPECT_EQ(4097u, large.scalars[3]);
    EXPECT_EQ(1u, large.scalars[4]);
}

TEST_F(KernelBoundary, DescriptorOutputComesBackWhole)
{
    CallOutcome outcome = Call(connection, 8, Shape{{5000}, {}, 0, 5000});
    ASSERT_EQ(kSuccess, outcome.status);
    ASSERT_EQ(5000u, outcome.bytes.size());
    EXPECT_EQ(0x77, outcome.bytes.front());
    EXPECT_EQ(0x77, outcome.bytes.back());
}

TEST_F(KernelBoundary, ShorterOutputDataSetsTheCallersSize)
{
    CallOutcome outcome = Call(connection, 2, Shape{{10}, {}, 0, 64});
    ASSERT_EQ(kSuccess, outcome.status);
    EXPECT_EQ(std::vector<uint8_t>(10, 0x5a), outcome.bytes);
}

TEST_F(KernelBoundary, OutputDataLongerThanTheCapacityFailsAfterTheHandlerRan)
{
    CallOutcome outcome = Call(connection, 2, Shape{{65}, {}, 0, 64});
    EXPECT_EQ(kBadArgument, outcome.status);
    EXPECT_TRUE(outcome.bytes.empty());
    EXPECT_NE(std::string::npos, ReadLog(connection).find("selector 2"));
    EXPECT_EQ(0, dksim_live_objects("OSData")) << "the kernel releases the refused output";
}

TEST_F(KernelBoundary, NullBufferWithASizeIsRefusedBeforeTheDext)
{
    uint32_t count = 4;
    EXPECT_EQ(kBadArgument,
              dksim_call_method(connection, 1, nullptr, 2, nullptr, 0, nullptr, &count, nullptr, nullptr));
}

TEST_F(KernelBoundary, CallsOnAClosedConnectionAreNotOpen)
{
    ASSERT_EQ(kSuccess, dksim_close(connection));
    EXPECT_EQ(kNotOpen, Call(connection, 1, Shape{}).status);
    EXPECT_EQ(kNotOpen, dksim_close(connection));
    EXPECT_EQ(kNotOpen, Call(12345, 1, Shape{}).status);
}

TEST_F(KernelBoundary, AvailabilityChecksOfDriverKitSourcesHold)
{
    /* __builtin_available(driverkit 20.0, *) compiles on Linux (dext/runtime/prefix/DextPrefix.h) and holds. */
    CallOutcome outcome = Call(connection, 10, Shape{{}, {}, 1, 0});
    ASSERT_EQ(kSuccess, outcome.status);
    EXPECT_EQ(std::vector<uint64_t>{1}, outcome.scalars);
}

} // namespace

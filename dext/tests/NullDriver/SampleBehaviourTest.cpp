/* Apple's NullDriver as built from dext/NullDriver: the sample's arithmetic, dispatch table and
 * async protocol, including the weaknesses it is our reference for. */
#include "NullDriverCalls.h"

using namespace dksimtest;

namespace {

class NullDriverSample : public DksimTest
{
protected:
    void SetUp() override
    {
        DksimTest::SetUp();
        connection = Open("NullDriver");
    }
    dksim_connection_t connection = 0;
};

TEST_F(NullDriverSample, IdentityAndAccess)
{
    EXPECT_STREQ("com.example.NullDriver", dksim_dext_identifier());
    dksim_connection_t anyone = 0;
    EXPECT_EQ(kSuccess, dksim_open("NullDriver", 0, nullptr, 0, &anyone)) << "allow-any-userclient-access";
}

TEST_F(NullDriverSample, ScalarAddsOneToEveryInput)
{
    CallOutcome outcome = Call(connection, Scalar, ScalarShape());
    ASSERT_EQ(kSuccess, outcome.status);
    ASSERT_EQ(16u, outcome.scalars.size());
    for (size_t k = 0; k < 16; k++) EXPECT_EQ(10 * k + 1, outcome.scalars[k]);
}

TEST_F(NullDriverSample, ScalarIsUncheckedAndIteratesOverTheSmallerCount)
{
    CallOutcome outcome = Call(connection, Scalar, ScalarShape(3, 5));
    ASSERT_EQ(kSuccess, outcome.status);
    EXPECT_EQ((std::vector<uint64_t>{1, 11, 21, 0, 0}), outcome.scalars);
    /* DriverKit never passes null scalar arrays (docs/driverkit-semantics.md §3): the sample's null
     * checks never fire, and with nothing on one side it iterates over nothing. */
    EXPECT_EQ(kSuccess, Call(connection, Scalar, ScalarShape(0, 16)).status) << "no scalar input";
    EXPECT_EQ(kSuccess, Call(connection, Scalar, ScalarShape(16, 0)).status) << "no room for scalar output";
}

TEST_F(NullDriverSample, StructReturnsFooPlusOneBarPlusTen)
{
    CallOutcome outcome = Call(connection, Struct, DataShape(1, 2));
    ASSERT_EQ(kSuccess, outcome.status);
    ASSERT_EQ(16u, outcome.bytes.size());
    EXPECT_EQ(2u, U64At(outcome.bytes, 0));
    EXPECT_EQ(12u, U64At(outcome.bytes, 1));
    EXPECT_EQ(kBadArgument, Call(connection, Struct, Shape{{}, {}, 0, 16}).status) << "no input at all";
}

TEST_F(NullDriverSample, StructWritesTheOversizedStructIntoALargeOutput)
{
    CallOutcome outcome = Call(connection, Struct, DataShape(1, 2, 4104));
    ASSERT_EQ(kSuccess, outcome.status);
    ASSERT_EQ(4104u, outcome.bytes.size());
    EXPECT_EQ(2u, U64At(outcome.bytes, 0));
    EXPECT_EQ(12u, U64At(outcome.bytes, 1));
    EXPECT_EQ(0u, U64At(outcome.bytes, 512));
}

TEST_F(NullDriverSample, StructReadsALargeInputThroughItsDescriptor)
{
    Shape shape = DataShape(5, 6);
    shape.bytesIn.resize(5000, 0);
    CallOutcome outcome = Call(connection, Struct, shape);
    ASSERT_EQ(kSuccess, outcome.status);
    EXPECT_EQ(6u, U64At(outcome.bytes, 0));
    EXPECT_EQ(16u, U64At(outcome.bytes, 1));
}

TEST_F(NullDriverSample, CheckedSelectorsComputeAndRefuseEveryOtherShape)
{
    CallOutcome scalar = Call(connection, CheckedScalar, ScalarShape());
    ASSERT_EQ(kSuccess, scalar.status);
    EXPECT_EQ(151u, scalar.scalars[15]);
    CallOutcome data = Call(connection, CheckedStruct, DataShape(1, 2));
    ASSERT_EQ(kSuccess, data.status);
    EXPECT_EQ(2u, U64At(data.bytes, 0));
    EXPECT_EQ(12u, U64At(data.bytes, 1));

    EXPECT_EQ(kBadArgument, Call(connection, CheckedScalar, ScalarShape(15, 16)).status);
    EXPECT_EQ(kBadArgument, Call(connection, CheckedScalar, ScalarShape(16, 15)).status);
    EXPECT_EQ(kBadArgument, Call(connection, CheckedStruct, StructShape(15, 16)).status);
    EXPECT_EQ(kBadArgument, Call(connection, CheckedStruct, StructShape(16, 17)).status);
    std::vector<uint64_t> reference = AsyncReference(1);
    EXPECT_EQ(kBadArgument, Call(connection, CheckedStruct, DataShape(1, 2), &reference).status);
    EXPECT_EQ(kBadArgument, Call(connection, RegisterAsyncCallback, DataShape(1, 2)).status) << "completion required";
    EXPECT_EQ(kBadArgument, Call(connection, AsyncRequest, DataShape(1, 2, 16)).status) << "no struct output allowed";
}

TEST_F(NullDriverSample, SelectorsPastTheTableAreUnsupported)
{
    EXPECT_EQ(kUnsupported, Call(connection, 6, Shape{}).status);
    EXPECT_EQ(kUnsupported, Call(connection, 1000, Shape{}).status);
}

TEST_F(NullDriverSample, AsyncRequestBeforeRegistrationIsRefusedWithError)
{
    /* The sample returns kIOReturnError; its app checks for kIOReturnNotReady, which never comes. */
    EXPECT_EQ(kError, Call(connection, AsyncRequest, DataShape(1, 2, 0)).status);
    ASSERT_EQ(kSuccess, dksim_clock_advance(10 * kSecond));
    EXPECT_TRUE(Take(connection).empty());
}

TEST_F(NullDriverSample, RegistrationAnswersAtOnceAndCompletesFiveSecondsLater)
{
    std::vector<uint64_t> reference = AsyncReference(77);
    CallOutcome registered = Call(connection, RegisterAsyncCallback, DataShape(3, 4), &reference);
    ASSERT_EQ(kSuccess, registered.status);
    EXPECT_EQ(4u, U64At(registered.bytes, 0));
    EXPECT_EQ(14u, U64At(registered.bytes, 1));
    ASSERT_EQ(kSuccess, dksim_clock_advance(5 * kSecond - 1));
    EXPECT_TRUE(Take(connection).empty());
    ASSERT_EQ(kSuccess, dksim_clock_advance(1));
    std::vector<dksim_completion> got = Take(connection);
    ASSERT_EQ(1u, got.size());
    EXPECT_EQ(77u, got[0].refcon);
    EXPECT_EQ(kSuccess, got[0].status);
    ASSERT_EQ(3u, got[0].arg_count);
    EXPECT_EQ(2u, got[0].args[0]);
    EXPECT_EQ(4u, got[0].args[1]);
    EXPECT_EQ(14u, got[0].args[2]);
}

TEST_F(NullDriverSample, RequestCompletesToTheRegisteredCallbackWithItsOwnData)
{
    std::vector<uint64_t> reference = AsyncReference(5);
    ASSERT_EQ(kSuccess, Call(connection, RegisterAsyncCallback, DataShape(3, 4), &reference).status);
    ASSERT_EQ(kSuccess, dksim_clock_advance(6 * kSecond));
    Take(connection);
    ASSERT_EQ(kSuccess, Call(connection, AsyncRequest, DataShape(100, 200, 0)).status);
    ASSERT_EQ(kSuccess, dksim_clock_advance(5 * kSecond));
    std::vector<dksim_completion> got = Take(connection);
    ASSERT_EQ(1u, got.size());
    EXPECT_EQ(5u, got[0].refcon);
    EXPECT_EQ(101u, got[0].args[1]);
    EXPECT_EQ(210u, got[0].args[2]);
}

TEST_F(NullDriverSample, TwoRequestsInsideTheDelayYieldOneCompletion)
{
    std::vector<uint64_t> reference = AsyncReference(5);
    ASSERT_EQ(kSuccess, Call(connection, RegisterAsyncCallback, DataShape(3, 4), &reference).status);
    ASSERT_EQ(kSuccess, dksim_clock_advance(6 * kSecond));
    Take(connection);
    ASSERT_EQ(kSuccess, Call(connection, AsyncRequest, DataShape(1, 1, 0)).status);
    ASSERT_EQ(kSuccess, dksim_clock_advance(kSecond));
    ASSERT_EQ(kSuccess, Call(connection, AsyncRequest, DataShape(2, 2, 0)).status);
    ASSERT_EQ(kSuccess, dksim_clock_advance(20 * kSecond));
    std::vector<dksim_completion> got = Take(connection);
    ASSERT_EQ(1u, got.size()) << "WakeAtTime replaced the first deadline";
    EXPECT_EQ(3u, got[0].args[1]);
}

TEST_F(NullDriverSample, RegisteringTwiceLeaksTheFirstCompletion)
{
    std::vector<uint64_t> reference = AsyncReference(5);
    ASSERT_EQ(kSuccess, Call(connection, RegisterAsyncCallback, DataShape(3, 4), &reference).status);
    ASSERT_EQ(kSuccess, Call(connection, RegisterAsyncCallback, DataShape(3, 4), &reference).status);
    ASSERT_EQ(kSuccess, dksim_close(connection));
    ASSERT_EQ(kSuccess, dksim_clock_advance(10 * kSecond));
    EXPECT_EQ(1, dksim_live_objects("OSAction"));
    EXPECT_EQ(1, dksim_live_objects("NullDriver")) << "only the booted service remains";
}

TEST_F(NullDriverSample, OneRegistrationAndCloseLeaveNothingBehind)
{
    std::vector<uint64_t> reference = AsyncReference(5);
    ASSERT_EQ(kSuccess, Call(connection, RegisterAsyncCallback, DataShape(3, 4), &reference).status);
    ASSERT_EQ(kSuccess, dksim_close(connection));
    EXPECT_EQ(0, dksim_live_objects("OSAction"));
    EXPECT_EQ(1, dksim_live_objects("NullDriver"));
    EXPECT_NE(std::string::npos, ReadLog(connection).find("NullDriver - Stop() - Finished.")) << ReadLog(connection);
}

} // namespace

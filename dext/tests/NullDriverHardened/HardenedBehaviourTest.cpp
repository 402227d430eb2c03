/* The hardened NullDriver: the sample's results for well-shaped calls, none of its weaknesses. */
#include "NullDriverCalls.h"

using namespace dksimtest;

namespace {

constexpr const char *kIdentifier = "com.example.NullDriverHardened";

class Hardened : public DksimTest
{
protected:
    void SetUp() override
    {
        DksimTest::SetUp();
        connection = Open("NullDriverHardened", {kIdentifier});
    }
    dksim_connection_t connection = 0;
};

TEST_F(Hardened, OnlyEntitledClientsMayOpen)
{
    dksim_connection_t other = 0;
    EXPECT_EQ(kNotPermitted, dksim_open("NullDriverHardened", 0, nullptr, 0, &other));
    const char *wrong[] = {"com.example.NullDriver"};
    EXPECT_EQ(kNotPermitted, dksim_open("NullDriverHardened", 0, wrong, 1, &other));
}

TEST_F(Hardened, WellShapedCallsGiveTheSampleResults)
{
    CallOutcome scalar = Call(connection, Scalar, ScalarShape());
    ASSERT_EQ(kSuccess, scalar.status);
    EXPECT_EQ(151u, scalar.scalars[15]);
    CallOutcome data = Call(connection, Struct, DataShape(1, 2));
    ASSERT_EQ(kSuccess, data.status);
    EXPECT_EQ(2u, U64At(data.bytes, 0));
    EXPECT_EQ(12u, U64At(data.bytes, 1));
    EXPECT_EQ(kSuccess, Call(connection, CheckedScalar, ScalarShape()).status);
    EXPECT_EQ(kSuccess, Call(connection, CheckedStruct, DataShape(1, 2)).status);
}

TEST_F(Hardened, FormerlyUncheckedSelectorsRefuseMalformedShapes)
{
    for (size_t in : {0, 1, 15, 17})
        EXPECT_EQ(kBadArgument, Call(connection, Struct, StructShape(in, 16)).status) << in;
    for (uint64_t out : {0, 15, 17, 4097, 4103, 4104})
        EXPECT_EQ(kBadArgument, Call(connection, Struct, StructShape(16, out)).status) << out;
    EXPECT_EQ(kBadArgument, Call(connection, Scalar, ScalarShape(3, 5)).status);
    EXPECT_EQ(kBadArgument, Call(connection, Scalar, ScalarShape(16, 15)).status);
    Shape large = StructShape(16, 16);
    large.bytesIn.resize(5000, 0);
    EXPECT_EQ(kBadArgument, Call(connection, Struct, large).status);
}

TEST_F(Hardened, SelectorsPastTheTableAreUnsupported) { EXPECT_EQ(kUnsupported, Call(connection, 6, Shape{}).status); }

TEST_F(Hardened, AsyncRequestBeforeRegistrationIsNotReadyAndDeliversNothing)
{
    EXPECT_EQ(kNotReady, Call(connection, AsyncRequest, DataShape(1, 2, 0)).status);
    ASSERT_EQ(kSuccess, dksim_clock_advance(20 * kSecond));
    EXPECT_TRUE(Take(connection).empty());
}

TEST_F(Hardened, EveryAcceptedRequestCompletesExactlyOnce)
{
    std::vector<uint64_t> reference = AsyncReference(9);
    ASSERT_EQ(kSuccess, Call(connection, RegisterAsyncCallback, DataShape(3, 4), &reference).status);
    ASSERT_EQ(kSuccess, dksim_clock_advance(kSecond));
    ASSERT_EQ(kSuccess, Call(connection, AsyncRequest, DataShape(1, 1, 0)).status);
    ASSERT_EQ(kSuccess, dksim_clock_advance(kSecond));
    ASSERT_EQ(kSuccess, Call(connection, AsyncRequest, DataShape(2, 2, 0)).status);
    ASSERT_EQ(kSuccess, dksim_clock_advance(20 * kSecond));
    std::vector<dksim_completion> got = Take(connection);
    ASSERT_EQ(3u, got.size());
    EXPECT_EQ(4u, got[0].args[1]);
    EXPECT_EQ(5 * kSecond, got[0].time_ns);
    EXPECT_EQ(2u, got[1].args[1]);
    EXPECT_EQ(6 * kSecond, got[1].time_ns);
    EXPECT_EQ(3u, got[2].args[1]);
    EXPECT_EQ(7 * kSecond, got[2].time_ns);
    for (const dksim_completion &completion : got) {
        EXPECT_EQ(9u, completion.refcon);
        EXPECT_EQ(2u, completion.args[0]);
    }
}

TEST_F(Hardened, ReRegisteringReleasesThePreviousCallback)
{
    std::vector<uint64_t> reference = AsyncReference(5);
    ASSERT_EQ(kSuccess, Call(connection, RegisterAsyncCallback, DataShape(3, 4), &reference).status);
    ASSERT_EQ(kSuccess, Call(connection, RegisterAsyncCallback, DataShape(3, 4), &reference).status);
    EXPECT_EQ(1, dksim_live_objects("OSAction"));
    ASSERT_EQ(kSuccess, dksim_close(connection));
    ASSERT_EQ(kSuccess, dksim_clock_advance(10 * kSecond));
    EXPECT_EQ(0, dksim_live_objects("OSAction"));
    EXPECT_EQ(0, dksim_live_objects("NullDriverHardenedUserClient"));
}

TEST_F(Hardened, NothingArrivesAfterClose)
{
    std::vector<uint64_t> reference = AsyncReference(5);
    ASSERT_EQ(kSuccess, Call(connection, RegisterAsyncCallback, DataShape(3, 4), &reference).status);
    ASSERT_EQ(kSuccess, dksim_close(connection));
    dksim_connection_t other = Open("NullDriverHardened", {kIdentifier});
    ASSERT_EQ(kSuccess, dksim_clock_advance(10 * kSecond));
    EXPECT_TRUE(Take(other).empty());
}

} // namespace

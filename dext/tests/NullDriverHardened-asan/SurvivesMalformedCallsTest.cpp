/* The calls that break the sample under ASan are refused cleanly by the hardened variant. */
#include "NullDriverCalls.h"

using namespace dksimtest;

namespace {

class SurvivesMalformedCalls : public DksimTest
{
protected:
    void SetUp() override
    {
        DksimTest::SetUp();
        connection = Open("NullDriverHardened", {"com.example.NullDriverHardened"});
    }
    dksim_connection_t connection = 0;
};

TEST_F(SurvivesMalformedCalls, ShortInputsAndOddOutputCapacities)
{
    for (size_t in : {1, 8, 15}) EXPECT_EQ(kBadArgument, Call(connection, Struct, StructShape(in, 16)).status) << in;
    for (uint64_t out : {4097, 4100, 4103})
        EXPECT_EQ(kBadArgument, Call(connection, Struct, StructShape(16, out)).status) << out;
    for (size_t in : {0, 1, 15, 16, 17})
        for (uint32_t out : {0u, 1u, 16u, 40u}) {
            int32_t expected = in > 16 ? DKSIM_MIG_ARRAY_TOO_LARGE : (in == 16 && out >= 16) ? kSuccess : kBadArgument;
            EXPECT_EQ(expected, Call(connection, Scalar, ScalarShape(in, out)).status) << in << "/" << out;
        }
    EXPECT_EQ(kSuccess, Call(connection, Struct, StructShape(16, 16)).status);
}

TEST_F(SurvivesMalformedCalls, AsyncProtocolOutOfOrder)
{
    std::vector<uint64_t> reference = AsyncReference(1);
    EXPECT_EQ(kNotReady, Call(connection, AsyncRequest, DataShape(1, 2, 0), &reference).status);
    for (int k = 0; k < 3; k++)
        EXPECT_EQ(kSuccess, Call(connection, RegisterAsyncCallback, DataShape(1, 2), &reference).status);
    for (int k = 0; k < 3; k++) EXPECT_EQ(kSuccess, Call(connection, AsyncRequest, DataShape(1, 2, 0)).status);
    ASSERT_EQ(kSuccess, dksim_close(connection));
    ASSERT_EQ(kSuccess, dksim_clock_advance(30 * kSecond));
    EXPECT_EQ(0, dksim_live_objects("OSAction"));
}

} // namespace

/* The kernel's buffers are exactly the caller's sizes: a dext overrunning them is an ASan error. */
#include "Dksim.h"

using namespace dksimtest;

namespace {

class BufferBounds : public DksimTest
{
protected:
    void SetUp() override
    {
        GTEST_FLAG_SET(death_test_style, "threadsafe");
        DksimTest::SetUp();
        connection = Open("ProbeDriver", {"com.example.ProbeDriver"});
    }
    dksim_connection_t connection = 0;
};

TEST_F(BufferBounds, WritingPastTheScalarOutputCapacityIsCaught)
{
    EXPECT_DEATH(Call(connection, 5, Shape{{}, {}, 3, 0}), "heap-buffer-overflow");
}

TEST_F(BufferBounds, WritingPastAnOutputDescriptorIsCaught)
{
    EXPECT_DEATH(Call(connection, 8, Shape{{5001}, {}, 0, 5000}), "heap-buffer-overflow");
}

TEST_F(BufferBounds, WritingExactlyTheCapacityIsFine)
{
    CallOutcome outcome = Call(connection, 8, Shape{{5000}, {}, 0, 5000});
    EXPECT_EQ(kSuccess, outcome.status);
    EXPECT_EQ(5000u, outcome.bytes.size());
}

} // namespace

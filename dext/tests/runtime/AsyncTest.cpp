/* AsyncCompletion delivery, its limits, timers on the virtual clock, and the real-time mode. */
#include "Dksim.h"

using namespace dksimtest;

namespace {

class Async : public DksimTest
{
protected:
    void SetUp() override
    {
        DksimTest::SetUp();
        connection = Open("ProbeDriver", {"com.example.ProbeDriver"});
    }
    std::vector<uint64_t> reference{0, 0x1111, 0x2222, 3, 4, 5, 6, 7};
    dksim_connection_t connection = 0;
};

TEST_F(Async, CompletionCarriesStatusArgumentsCallbackAndRefcon)
{
    ASSERT_EQ(kSuccess, Call(connection, 3, Shape{{(uint64_t)(uint32_t)kNotReady, 16}, {}, 0, 0}, &reference).status);
    std::vector<dksim_completion> got = Take(connection);
    ASSERT_EQ(1u, got.size());
    EXPECT_EQ(0x1111u, got[0].callback);
    EXPECT_EQ(0x2222u, got[0].refcon);
    EXPECT_EQ(kNotReady, got[0].status);
    ASSERT_EQ(16u, got[0].arg_count);
    for (uint32_t k = 0; k < 16; k++) EXPECT_EQ(100u + k, got[0].args[k]);
    EXPECT_TRUE(Take(connection).empty()) << "taken completions are gone";
}

TEST_F(Async, MoreThanSixteenArgumentsSendNothing)
{
    ASSERT_EQ(kSuccess, Call(connection, 3, Shape{{0, 17}, {}, 0, 0}, &reference).status);
    EXPECT_TRUE(Take(connection).empty());
    EXPECT_NE(std::string::npos, ReadLog(connection).find("kIOReturnMessageTooLarge"));
}

TEST_F(Async, ZeroArgumentsAreDelivered)
{
    ASSERT_EQ(kSuccess, Call(connection, 3, Shape{{0, 0}, {}, 0, 0}, &reference).status);
    std::vector<dksim_completion> got = Take(connection);
    ASSERT_EQ(1u, got.size());
    EXPECT_EQ(0u, got[0].arg_count);
}

TEST_F(Async, TimerFiresAtItsDeadlineOnTheVirtualClock)
{
    ASSERT_EQ(kSuccess, Call(connection, 4, Shape{{5 * kSecond}, {}, 0, 0}, &reference).status);
    ASSERT_EQ(kSuccess, dksim_clock_advance(5 * kSecond - 1));
    EXPECT_TRUE(Take(connection).empty());
    ASSERT_EQ(kSuccess, dksim_clock_advance(1));
    std::vector<dksim_completion> got = Take(connection);
    ASSERT_EQ(1u, got.size());
    EXPECT_EQ(5 * kSecond, got[0].args[0]);
    EXPECT_EQ(5 * kSecond, got[0].time_ns);
    EXPECT_EQ(5 * kSecond, dksim_clock_now());
}

TEST_F(Async, ArmingAgainReplacesThePendingDeadline)
{
    ASSERT_EQ(kSuccess, Call(connection, 4, Shape{{5 * kSecond}, {}, 0, 0}, &reference).status);
    ASSERT_EQ(kSuccess, dksim_clock_advance(1 * kSecond));
    ASSERT_EQ(kSuccess, Call(connection, 4, Shape{{5 * kSecond}, {}, 0, 0}, &reference).status);
    uint64_t advanced = 0;
    ASSERT_EQ(kSuccess, dksim_run_until_idle(60 * kSecond, &advanced));
    EXPECT_EQ(5 * kSecond, advanced) << "the clock jumps to the one remaining deadline (t = 6 s)";
    std::vector<dksim_completion> got = Take(connection);
    ASSERT_EQ(1u, got.size()) << "two arms inside the delay fire once";
    EXPECT_EQ(6 * kSecond, got[0].args[0]);
}

TEST_F(Async, WaitAdvancesToTheNextCompletionWithoutRealWaiting)
{
    ASSERT_EQ(kSuccess, Call(connection, 4, Shape{{3 * kSecond}, {}, 0, 0}, &reference).status);
    dksim_completion got[4];
    uint32_t count = 0;
    ASSERT_EQ(kSuccess, dksim_wait_completions(connection, 10 * kSecond, got, 4, &count));
    EXPECT_EQ(1u, count);
    EXPECT_EQ(3 * kSecond, dksim_clock_now()) << "stops at the completion, not at the timeout";
    EXPECT_EQ(kTimeout, dksim_wait_completions(connection, 2 * kSecond, got, 4, &count));
    EXPECT_EQ(0u, count);
    EXPECT_EQ(5 * kSecond, dksim_clock_now());
}

TEST_F(Async, NothingArrivesAfterClose)
{
    ASSERT_EQ(kSuccess, Call(connection, 4, Shape{{kSecond}, {}, 0, 0}, &reference).status);
    ASSERT_EQ(kSuccess, dksim_close(connection));
    ASSERT_EQ(kSuccess, dksim_clock_advance(10 * kSecond));
    dksim_completion got[1];
    uint32_t count = 0;
    EXPECT_EQ(kNotOpen, dksim_take_completions(connection, got, 1, &count));
    EXPECT_EQ(0u, count);
}

TEST_F(Async, ClockAdvanceIsRefusedInRealTimeMode)
{
    ASSERT_EQ(kSuccess, dksim_set_clock_mode(DKSIM_CLOCK_REAL));
    EXPECT_EQ(kNotPermitted, dksim_clock_advance(1));
    ASSERT_EQ(kSuccess, dksim_set_clock_mode(DKSIM_CLOCK_VIRTUAL));
}

TEST_F(Async, RealTimeModeFiresTimersOnItsOwnThread)
{
    ASSERT_EQ(kSuccess, dksim_set_clock_mode(DKSIM_CLOCK_REAL));
    ASSERT_EQ(kSuccess, Call(connection, 4, Shape{{20 * 1000 * 1000}, {}, 0, 0}, &reference).status);
    dksim_completion got[1];
    uint32_t count = 0;
    ASSERT_EQ(kSuccess, dksim_wait_completions(connection, 5 * kSecond, got, 1, &count));
    EXPECT_EQ(1u, count);
    ASSERT_EQ(kSuccess, dksim_reset());
}

} // namespace

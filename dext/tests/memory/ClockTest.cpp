/* mach_absolute_time, mach_timebase_info, IOSleep and IODelay on the runtime's clock: virtual by
 * default (only the harness and the dext's own sleeps move it), nanosecond ticks. */
#include "Collections.h"

#include <mach/mach_time.h>
#include <time.h>

using collectionstest::Collections;

namespace {

using Clock = Collections;

TEST_F(Clock, TheTimebaseIsOneNanosecond)
{
    mach_timebase_info_data_t info = {0, 0};
    ASSERT_EQ(0, mach_timebase_info(&info));
    EXPECT_EQ(1u, info.numer);
    EXPECT_EQ(1u, info.denom);
    EXPECT_NE(0, mach_timebase_info(nullptr));
}

TEST_F(Clock, AbsoluteTimeIsTheVirtualClock)
{
    uint64_t start = mach_absolute_time();
    EXPECT_EQ(dksim_clock_now(), start);
    EXPECT_EQ(clock_gettime_nsec_np(CLOCK_MONOTONIC_RAW), start);
    ASSERT_EQ(0, dksim_clock_advance(1234));
    EXPECT_EQ(start + 1234, mach_absolute_time());
    EXPECT_EQ(mach_absolute_time(), mach_continuous_time());
}

TEST_F(Clock, SleepAndDelayMoveTheVirtualClockAndReturnAtOnce)
{
    uint64_t start = mach_absolute_time();
    IOSleep(5000); /* five seconds of virtual time */
    EXPECT_EQ(start + 5000000000ull, mach_absolute_time());
    IODelay(7);
    EXPECT_EQ(start + 5000007000ull, mach_absolute_time());
    EXPECT_EQ(mach_absolute_time(), dksim_clock_now());
    IOSleep(0);
    EXPECT_EQ(start + 5000007000ull, mach_absolute_time());
}

TEST_F(Clock, InRealTimeModeSleepSleeps)
{
    ASSERT_EQ(0, dksim_set_clock_mode(DKSIM_CLOCK_REAL));
    uint64_t start = mach_absolute_time();
    IOSleep(2);
    IODelay(500);
    EXPECT_GE(mach_absolute_time() - start, 2500000ull);
    ASSERT_EQ(0, dksim_set_clock_mode(DKSIM_CLOCK_VIRTUAL));
}

} // namespace

/*
 * <mach/mach_time.h> as DriverKit declares it (mach_absolute_time, mach_continuous_time,
 * mach_timebase_info; signatures from Apple's DriverKit reference). The clock is the runtime's: virtual by
 * default, moved only by the harness, CLOCK_MONOTONIC_RAW in real-time mode. One tick is one
 * nanosecond (timebase 1/1, as on Intel Macs; Apple silicon reports 125/3), so ticks and
 * clock_gettime_nsec_np agree.
 */
#ifndef DKSIM_MACH_MACH_TIME_H
#define DKSIM_MACH_MACH_TIME_H

#include <stdint.h>
#include <DriverKit/IOReturn.h>

struct mach_timebase_info {
    uint32_t numer;
    uint32_t denom;
};
typedef struct mach_timebase_info *mach_timebase_info_t;
typedef struct mach_timebase_info mach_timebase_info_data_t;

#ifdef __cplusplus
extern "C" {
#endif

uint64_t mach_absolute_time(void);
/* The runtime never sleeps, so this is the same clock as mach_absolute_time. */
uint64_t mach_continuous_time(void);
/* numer = denom = 1; KERN_INVALID_ARGUMENT (4) for a NULL info. */
kern_return_t mach_timebase_info(mach_timebase_info_t info);

#ifdef __cplusplus
}
#endif

#endif

/*
 * <time.h> plus Darwin's clock_gettime_nsec_np, which DriverKit sources call. It reads the
 * simulator clock: virtual by default (moved by the harness), CLOCK_MONOTONIC_RAW in real-time mode.
 * The system header is included unguarded so that partial inclusions keep working.
 */
#include_next <time.h>
#if defined(__cplusplus) && defined(CLOCK_MONOTONIC_RAW) && !defined(DKSIM_TIME_OVERRIDE_H)
#define DKSIM_TIME_OVERRIDE_H
#include <stdint.h>
namespace dksim {
uint64_t ClockGetTimeNsec(clockid_t clock);
}
static inline uint64_t clock_gettime_nsec_np(clockid_t clock) { return ::dksim::ClockGetTimeNsec(clock); }
#endif

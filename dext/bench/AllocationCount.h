/*
 * Counts heap allocations (malloc, calloc, realloc) made by the whole process — the runtime in
 * libNullDriver.so included — while counting is on. The benchmarks count in an untimed pass before
 * the measured loop, so the count explains the time without adding to it.
 */
#ifndef DEXT_BENCH_ALLOCATION_COUNT_H
#define DEXT_BENCH_ALLOCATION_COUNT_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

void bench_start_counting_allocations(void);
/* Stops counting; returns the allocations since bench_start_counting_allocations. */
uint64_t bench_stop_counting_allocations(void);

#ifdef __cplusplus
}
#endif

#endif

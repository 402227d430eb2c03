/*
 * Kernel counters of one thread (perf_event_open): system calls entered and context switches.
 * The benchmarks read them over an untimed pass, for their own thread and for the server process,
 * to say where a round trip's time goes. Enabling the syscall tracepoint slows every syscall down,
 * which is why it is never on during the measured loop.
 * Where perf events are not allowed (perf_event_paranoid, containers), the counters are unavailable
 * and the benchmarks report none.
 */
#ifndef DEXT_BENCH_TASK_COUNTERS_H
#define DEXT_BENCH_TASK_COUNTERS_H

#include <stdint.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct bench_task_counters {
    int syscalls_fd; /* raw_syscalls:sys_enter, or -1 */
    int switches_fd; /* PERF_COUNT_SW_CONTEXT_SWITCHES, or -1 */
} bench_task_counters;

/* Opens (disabled) counters for thread tid (0: the calling thread). Returns 0 when both opened.
 * Always sets both descriptors (-1 where one could not be opened), so that close is safe after any
 * open: closing an unset descriptor once closed the benchmark's own sockets. */
int bench_task_counters_open(bench_task_counters *counters, pid_t tid);
/* Zeroes and enables the counters. */
void bench_task_counters_start(const bench_task_counters *counters);
/* Disables the counters and reads them. Returns 0 when both could be read. */
int bench_task_counters_stop(const bench_task_counters *counters, uint64_t *syscalls, uint64_t *switches);
void bench_task_counters_close(bench_task_counters *counters);

#ifdef __cplusplus
}
#endif

#endif

/*
 * CPU placement of the two ends of a round trip. Pinned: both on one CPU, so each wake-up hands that
 * CPU over instead of waking another core. Unpinned: both may run on any CPU the benchmark started
 * with, as the harness runs them. The benchmark measures both; their ratio is what placement costs.
 */
#ifndef DEXT_BENCH_AFFINITY_H
#define DEXT_BENCH_AFFINITY_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The CPU both ends are pinned to: the first one the process started with, the same every run;
 * -1 when the affinity cannot be read. The first call of any function here remembers the CPUs the
 * process started with, so it must come before any pinning (it does: pinning asks for the CPU). */
int bench_affinity_cpu(void);
/* pid 0 is the calling thread. 0 on success. Unpinning restores the CPUs the process started with. */
int bench_pin(pid_t pid, int cpu);
int bench_unpin(pid_t pid);

#ifdef __cplusplus
}
#endif

#endif

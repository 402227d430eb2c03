#define _GNU_SOURCE
#include "Affinity.h"

#include <sched.h>

static cpu_set_t initial;
static int first_cpu = -1;
static int remembered; /* the benchmarks run on one thread: no synchronisation needed */

static int remember(void)
{
    if (remembered) return first_cpu < 0 ? -1 : 0;
    remembered = 1;
    CPU_ZERO(&initial);
    if (sched_getaffinity(0, sizeof initial, &initial) != 0) return -1;
    for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
        if (CPU_ISSET(cpu, &initial)) {
            first_cpu = cpu;
            return 0;
        }
    }
    return -1;
}

int bench_affinity_cpu(void) { return remember() == 0 ? first_cpu : -1; }

int bench_pin(pid_t pid, int cpu)
{
    if (remember() != 0 || cpu < 0) return -1;
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(cpu, &one);
    return sched_setaffinity(pid, sizeof one, &one);
}

int bench_unpin(pid_t pid)
{
    if (remember() != 0) return -1;
    return sched_setaffinity(pid, sizeof initial, &initial);
}

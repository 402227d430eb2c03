#define _GNU_SOURCE
#include "TaskCounters.h"

#include <linux/perf_event.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The tracepoint's id is only published in tracefs, mounted in one of these places. */
static long syscall_tracepoint_id(void)
{
    static const char *const paths[] = {"/sys/kernel/tracing/events/raw_syscalls/sys_enter/id",
                                        "/sys/kernel/debug/tracing/events/raw_syscalls/sys_enter/id"};
    for (size_t k = 0; k < sizeof paths / sizeof paths[0]; k++) {
        FILE *file = fopen(paths[k], "r");
        if (file == NULL) continue;
        long id = -1;
        if (fscanf(file, "%ld", &id) != 1) id = -1;
        fclose(file);
        if (id >= 0) return id;
    }
    return -1;
}

static int open_counter(uint32_t type, uint64_t config, pid_t tid)
{
    struct perf_event_attr attr;
    memset(&attr, 0, sizeof attr);
    attr.size = sizeof attr;
    attr.type = type;
    attr.config = config;
    attr.disabled = 1;
    return (int)syscall(SYS_perf_event_open, &attr, tid, -1, -1, PERF_FLAG_FD_CLOEXEC);
}

int bench_task_counters_open(bench_task_counters *counters, pid_t tid)
{
    long tracepoint = syscall_tracepoint_id();
    counters->syscalls_fd = tracepoint < 0 ? -1 : open_counter(PERF_TYPE_TRACEPOINT, (uint64_t)tracepoint, tid);
    counters->switches_fd = open_counter(PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CONTEXT_SWITCHES, tid);
    return counters->syscalls_fd >= 0 && counters->switches_fd >= 0 ? 0 : -1;
}

void bench_task_counters_start(const bench_task_counters *counters)
{
    const int fds[] = {counters->syscalls_fd, counters->switches_fd};
    for (size_t k = 0; k < 2; k++) {
        if (fds[k] < 0) continue;
        ioctl(fds[k], PERF_EVENT_IOC_RESET, 0);
        ioctl(fds[k], PERF_EVENT_IOC_ENABLE, 0);
    }
}

static int read_counter(int fd, uint64_t *value)
{
    if (fd < 0) return -1;
    ioctl(fd, PERF_EVENT_IOC_DISABLE, 0);
    return read(fd, value, sizeof *value) == (ssize_t)sizeof *value ? 0 : -1;
}

int bench_task_counters_stop(const bench_task_counters *counters, uint64_t *syscalls, uint64_t *switches)
{
    int syscalls_read = read_counter(counters->syscalls_fd, syscalls);
    int switches_read = read_counter(counters->switches_fd, switches);
    return syscalls_read == 0 && switches_read == 0 ? 0 : -1;
}

void bench_task_counters_close(bench_task_counters *counters)
{
    if (counters->syscalls_fd >= 0) close(counters->syscalls_fd);
    if (counters->switches_fd >= 0) close(counters->switches_fd);
    counters->syscalls_fd = counters->switches_fd = -1;
}

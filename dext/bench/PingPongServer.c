/*
 * The baseline server: a forked child of the benchmark (a process of its own, as dexthost is, so
 * both round trips pay the same address-space switch) on a socketpair — the same kernel path as a
 * connected socket from bind/accept. It reads with the client's own frame reader and writes a
 * canned response of the size dexthost's would be.
 */
#define _GNU_SOURCE
#include "Servers.h"

#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "Wire.h"

static void serve(int fd, const uint8_t *response, size_t size)
{
    uint8_t request[WIRE_FRAME_CAPACITY];
    while (wire_read_frame(fd, request, sizeof request) > 0)
        if (wire_write_all(fd, response, size) != 0) break;
    _exit(0);
}

int bench_start_ping_pong(const uint8_t *response, size_t size, bench_server *server)
{
    int ends[2];
    server->pid = -1;
    server->fd = server->stdout_fd = -1;
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) != 0) return -1;
    pid_t pid = fork();
    if (pid < 0) {
        close(ends[0]);
        close(ends[1]);
        return -1;
    }
    if (pid == 0) {
        /* Its own name, so that profiles and ps tell it from the benchmark it was forked from. */
        prctl(PR_SET_NAME, "bench-pingpong");
        close(ends[0]);
        serve(ends[1], response, size);
    }
    close(ends[1]);
    server->pid = pid;
    server->fd = ends[0];
    return 0;
}

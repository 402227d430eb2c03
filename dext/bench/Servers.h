/*
 * The two servers of the socket benchmark, each a separate process with a connected Unix-domain
 * stream socket to this one: the real dexthost, and a raw ping-pong server that answers every frame
 * with a canned frame and does nothing else — the floor any socket transport of the same bytes pays.
 */
#ifndef DEXT_BENCH_SERVERS_H
#define DEXT_BENCH_SERVERS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct bench_server {
    pid_t pid;     /* the server process (its only thread, for affinity and counters) */
    int fd;        /* this process's end of the connection */
    int stdout_fd; /* dexthost's stdout (kept open: closing it could SIGPIPE the host), or -1 */
} bench_server;

/* Starts `dexthost --private-dir` and connects to the socket it prints. 0 on success. */
int bench_start_dexthost(const char *dexthost_path, bench_server *server);
/* Forks a child that answers each frame it reads with `response` (size bytes). 0 on success. */
int bench_start_ping_pong(const uint8_t *response, size_t size, bench_server *server);
/* Hangs up, ends the process (SIGTERM: dexthost removes its socket and directory) and reaps it. */
void bench_stop_server(bench_server *server);

#ifdef __cplusplus
}
#endif

#endif

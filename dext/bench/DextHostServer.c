/* Starting the real dexthost the way the harness does: --private-dir, socket path on stdout. */
#define _GNU_SOURCE
#include "Servers.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

static int read_line(int fd, char *line, size_t capacity)
{
    size_t used = 0;
    char c;
    while (used + 1 < capacity && read(fd, &c, 1) == 1) {
        if (c == '\n') {
            line[used] = '\0';
            return 0;
        }
        line[used++] = c;
    }
    return -1;
}

static int connect_to(const char *path)
{
    struct sockaddr_un address;
    memset(&address, 0, sizeof address);
    address.sun_family = AF_UNIX;
    if (strlen(path) >= sizeof address.sun_path) return -1;
    strcpy(address.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    if (connect(fd, (struct sockaddr *)&address, sizeof address) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

int bench_start_dexthost(const char *dexthost_path, bench_server *server)
{
    int out[2];
    server->pid = -1;
    server->fd = server->stdout_fd = -1;
    if (pipe2(out, O_CLOEXEC) != 0) return -1;
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        close(out[0]);
        close(out[1]);
        return -1;
    }
    if (pid == 0) {
        /* A host outliving a killed benchmark would wait for clients forever. */
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (getppid() != parent) _exit(1);
        dup2(out[1], STDOUT_FILENO);
        execl(dexthost_path, dexthost_path, "--private-dir", (char *)NULL);
        _exit(127);
    }
    close(out[1]);
    server->pid = pid;
    server->stdout_fd = out[0];
    char path[4096];
    if (read_line(out[0], path, sizeof path) != 0 || (server->fd = connect_to(path)) < 0) {
        fprintf(stderr, "bench: %s did not start or cannot be reached\n", dexthost_path);
        bench_stop_server(server);
        return -1;
    }
    return 0;
}

void bench_stop_server(bench_server *server)
{
    if (server->fd >= 0) close(server->fd);
    if (server->pid > 0) {
        kill(server->pid, SIGTERM);
        waitpid(server->pid, NULL, 0);
    }
    if (server->stdout_fd >= 0) close(server->stdout_fd);
    server->pid = -1;
    server->fd = server->stdout_fd = -1;
}

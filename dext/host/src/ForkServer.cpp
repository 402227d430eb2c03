#include "ForkServer.h"

#include "FrameIO.h"
#include "Session.h"
#include "Wire.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <poll.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

/* The sanitizers' runtime, when the host is built with one (sanitizer/common_interface_defs.h). */
extern "C" void __sanitizer_symbolize_pc(void *pc, const char *format, char *out, size_t size) __attribute__((weak));

namespace dexthost {

namespace {

/* A sanitizer report names each frame's module, and the runtime lists the modules (reading
 * /proc/self/maps) the first time it needs one — in every copy, most of what printing its report
 * cost (measured on NullDriver's crashes). Listing them once here, before any fork, hands every
 * copy the list; the dext and its runtime are linked at start-up, so it stays complete. From
 * compiler-rt's Symbolizer::FindModuleForAddress, which fills its module cache on first use and
 * refreshes it when an address is in no module it knows. */
void ListModulesForCopies()
{
    if (__sanitizer_symbolize_pc == nullptr) return;
    char module[256];
    __sanitizer_symbolize_pc(reinterpret_cast<void *>(&ListModulesForCopies), "%m", module, sizeof(module));
}

/* One line, one write(2): a pipe keeps it whole (shorter than PIPE_BUF) among the copies' output. */
void WriteLine(const std::string &line)
{
    const char *at = line.data();
    size_t left = line.size();
    while (left > 0) {
        ssize_t written = write(STDERR_FILENO, at, left);
        if (written < 0 && errno == EINTR) continue;
        if (written <= 0) return;
        at += written;
        left -= static_cast<size_t>(written);
    }
}

/* The copy: greets the client with its process id (the harness charges a call's time to it and
 * kills it when it hangs), serves it and exits as a --once host does. Never returns. */
[[noreturn]] void ServeCopy(Listener &listener, int client)
{
    /* SIGTERM/SIGINT clean up the socket in the server; a copy just dies of them. */
    signal(SIGTERM, SIG_DFL);
    signal(SIGINT, SIG_DFL);
    listener.CloseInCopy();
    ResponseWriter greeting;
    greeting.U32(static_cast<uint32_t>(getpid()));
    std::string problem;
    if (!WriteFrame(client, greeting.Frame(0), problem)) {
        std::fprintf(stderr, "dexthost: cannot greet the client: %s\n", problem.c_str());
        std::exit(1);
    }
    bool clean = ServeClient(client);
    close(client);
    std::exit(clean ? 0 : 1);
}

/* "dexthost: session PID ended: exit status N" or "...: signal N": how the harness learns how a copy
 * ended, after everything the copy wrote to stderr (the copy is reaped first). */
void ReportEnd(pid_t pid, int status)
{
    std::string how = WIFSIGNALED(status) ? "signal " + std::to_string(WTERMSIG(status))
                                          : "exit status " + std::to_string(WEXITSTATUS(status));
    WriteLine(std::string(kSessionEndPrefix) + std::to_string(pid) + " ended: " + how + "\n");
}

enum class Ready { Client, EndOfStdin, Failed };

Ready WaitForClient(const Listener &listener)
{
    for (;;) {
        pollfd fds[2] = {{listener.Fd(), POLLIN, 0}, {STDIN_FILENO, POLLIN, 0}};
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            return Ready::Failed;
        }
        if (fds[1].revents != 0) {
            char ignored[256];
            ssize_t got = read(STDIN_FILENO, ignored, sizeof(ignored));
            if (got == 0 || (got < 0 && errno != EINTR && errno != EAGAIN)) return Ready::EndOfStdin;
        }
        if (fds[0].revents != 0) return Ready::Client;
    }
}

} // namespace

int ServeForked(Listener &listener)
{
    ListModulesForCopies();
    std::string problem;
    for (;;) {
        switch (WaitForClient(listener)) {
        case Ready::EndOfStdin: return 0;
        case Ready::Failed: std::fprintf(stderr, "dexthost: poll: %s\n", std::strerror(errno)); return 1;
        case Ready::Client: break;
        }
        int client = listener.Accept(problem);
        if (client < 0) {
            std::fprintf(stderr, "dexthost: %s\n", problem.c_str());
            return 1;
        }
        std::fflush(nullptr); /* nothing buffered may be written twice */
        pid_t pid = fork();
        if (pid < 0) {
            std::fprintf(stderr, "dexthost: cannot fork: %s\n", std::strerror(errno));
            close(client);
            return 1;
        }
        if (pid == 0) ServeCopy(listener, client);
        close(client);
        int status = 0;
        while (waitpid(pid, &status, 0) < 0) {
            if (errno != EINTR) {
                std::fprintf(stderr, "dexthost: waitpid: %s\n", std::strerror(errno));
                return 1;
            }
        }
        ReportEnd(pid, status);
    }
}

} // namespace dexthost

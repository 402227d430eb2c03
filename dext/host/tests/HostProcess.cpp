#include "HostProcess.h"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

HostProcess::HostProcess(const std::string &path, const std::vector<std::string> &args)
{
    int in[2], out[2], err[2];
    if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) std::abort();
    pid_ = fork();
    if (pid_ == 0) {
        dup2(in[0], STDIN_FILENO);
        dup2(out[1], STDOUT_FILENO);
        dup2(err[1], STDERR_FILENO);
        setenv("ASAN_OPTIONS", "detect_leaks=0:halt_on_error=1:abort_on_error=0", 1);
        setenv("UBSAN_OPTIONS", "halt_on_error=1:print_stacktrace=1", 1);
        std::vector<char *> argv{const_cast<char *>(path.c_str())};
        for (const auto &arg : args) argv.push_back(const_cast<char *>(arg.c_str()));
        argv.push_back(nullptr);
        execv(path.c_str(), argv.data());
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    close(err[1]);
    stdin_ = in[1];
    stdout_ = out[0];
    stderr_ = err[0];
    // Non-blocking, so that both the reader thread and Stderr() can take what the pipe holds now.
    fcntl(stderr_, F_SETFL, fcntl(stderr_, F_GETFL) | O_NONBLOCK);
    stderrReader_ = std::thread([this] {
        for (;;) {
            pollfd ready{stderr_, POLLIN, 0};
            if (poll(&ready, 1, -1) < 0 && errno != EINTR) return;
            std::lock_guard<std::mutex> hold(stderrLock_);
            if (!DrainStderrLocked()) return;
        }
    });
}

HostProcess::~HostProcess()
{
    if (!reaped_ && pid_ > 0) {
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
    }
    if (stderrReader_.joinable()) stderrReader_.join();
    CloseStdin();
    close(stdout_);
    close(stderr_);
}

void HostProcess::CloseStdin()
{
    if (stdin_ >= 0) close(stdin_);
    stdin_ = -1;
}

bool HostProcess::WaitForStderr(const std::string &text, std::chrono::milliseconds timeout)
{
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (Stderr().find(text) != std::string::npos) return true;
        if (std::chrono::steady_clock::now() >= deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

std::string HostProcess::ReadLine()
{
    std::string line;
    char c;
    while (read(stdout_, &c, 1) == 1 && c != '\n') line.push_back(c);
    return line;
}

bool HostProcess::WaitExit(std::chrono::milliseconds timeout, int &status)
{
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        pid_t done = waitpid(pid_, &status, WNOHANG);
        if (done == pid_) {
            reaped_ = true;
            if (stderrReader_.joinable()) stderrReader_.join(); // the report is complete at EOF
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

bool HostProcess::DrainStderrLocked()
{
    char buffer[4096];
    for (;;) {
        ssize_t n = read(stderr_, buffer, sizeof(buffer));
        if (n > 0) {
            stderrText_.append(buffer, static_cast<size_t>(n));
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        return n < 0 && errno == EAGAIN; // empty for now; 0 is the end of the stream
    }
}

std::string HostProcess::Stderr()
{
    // What the host wrote before answering the caller's last request is in the pipe by now, but the
    // reader thread may not have run yet: take it here, so the text never depends on scheduling.
    std::lock_guard<std::mutex> hold(stderrLock_);
    DrainStderrLocked();
    return stderrText_;
}

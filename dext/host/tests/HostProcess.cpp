#include "HostProcess.h"

#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

HostProcess::HostProcess(const std::string &path, const std::vector<std::string> &args)
{
    int out[2], err[2];
    if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) std::abort();
    pid_ = fork();
    if (pid_ == 0) {
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
    close(out[1]);
    close(err[1]);
    stdout_ = out[0];
    stderr_ = err[0];
    stderrReader_ = std::thread([this] {
        char buffer[4096];
        ssize_t n;
        while ((n = read(stderr_, buffer, sizeof(buffer))) > 0) {
            std::lock_guard<std::mutex> hold(stderrLock_);
            stderrText_.append(buffer, static_cast<size_t>(n));
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
    close(stdout_);
    close(stderr_);
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

std::string HostProcess::Stderr()
{
    std::lock_guard<std::mutex> hold(stderrLock_);
    return stderrText_;
}

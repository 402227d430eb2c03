/*
 * A dexthost child process for the tests: started with pipes on stdout and stderr, its stderr
 * collected on a thread (a sanitizer report can be larger than a pipe buffer), killed if still
 * running when the test ends. Stderr() also reads what the pipe holds at the moment it is called,
 * so a line the host wrote before it answered a request is always in the text.
 */
#ifndef DEXTHOST_TESTS_HOST_PROCESS_H
#define DEXTHOST_TESTS_HOST_PROCESS_H

#include <chrono>
#include <mutex>
#include <string>
#include <sys/types.h>
#include <thread>
#include <vector>

class HostProcess
{
public:
    /* Starts the binary at path with args; sanitizer options suited to a crash test are set. */
    HostProcess(const std::string &path, const std::vector<std::string> &args);
    HostProcess(const HostProcess &) = delete;
    HostProcess &operator=(const HostProcess &) = delete;
    ~HostProcess();

    pid_t Pid() const { return pid_; }

    /* The first line of stdout without its newline; "" when stdout closed first. */
    std::string ReadLine();

    /* Waits for the exit; false on timeout. status is a waitpid status. */
    bool WaitExit(std::chrono::milliseconds timeout, int &status);

    /* Closes the host's stdin (a pipe held by the test until then): a --fork-server host exits. */
    void CloseStdin();

    /* Waits until stderr contains text; false on timeout. */
    bool WaitForStderr(const std::string &text, std::chrono::milliseconds timeout);

    /* Everything written to stderr so far (complete once the process has exited). */
    std::string Stderr();

private:
    /* Appends what the pipe holds now; false at its end. The caller holds stderrLock_. */
    bool DrainStderrLocked();

    pid_t pid_ = -1;
    int stdin_ = -1;
    int stdout_ = -1;
    int stderr_ = -1;
    bool reaped_ = false;
    std::thread stderrReader_;
    std::mutex stderrLock_;
    std::string stderrText_;
};

#endif

/*
 * The price of one system call on this machine, to read the round trips against: a read() of an
 * empty non-blocking socket, which enters and leaves the kernel and returns EAGAIN without waiting
 * or copying. Virtual machines and speculative-execution mitigations make this vary by an order of
 * magnitude between machines, and the round trips are counted in syscalls.
 */
#include <benchmark/benchmark.h>

#include <cerrno>
#include <sys/socket.h>
#include <unistd.h>

namespace {

void BenchReadWouldBlock(benchmark::State &state)
{
    int ends[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, ends) != 0) {
        state.SkipWithError("socketpair failed");
        return;
    }
    char byte;
    for (auto _ : state) {
        ssize_t n = read(ends[0], &byte, 1);
        if (n != -1 || errno != EAGAIN) {
            state.SkipWithError("read of an empty socket did not return EAGAIN");
            break;
        }
    }
    close(ends[0]);
    close(ends[1]);
}

BENCHMARK(BenchReadWouldBlock)->Name("syscall/read_would_block")->UseRealTime();

} // namespace

/*
 * A memory error in the dext ends the host with the sanitizer's report on stderr; the client sees the
 * connection close mid-call. NullDriver's unchecked Struct selector (1) reads 16 bytes of a 1-byte
 * input: a heap-buffer-overflow in the ASan build.
 */
#include "TestHosts.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

using dexthost::Op;

namespace {

TEST(Crash, OutOfBoundsReadEndsTheHostWithAnAsanReport)
{
#ifndef DEXTHOST_ASAN_PATH
    GTEST_SKIP() << "DEXTHOST_ASAN_PATH is not set: the build has no ASan host of NullDriver";
#else
    auto host = StartPrivateHost(DEXTHOST_ASAN_PATH, {"--once"});
    ASSERT_FALSE(host.socket.empty()) << host.process->Stderr();
    WireClient client(host.socket);
    Response response;
    ASSERT_TRUE(client.Exchange(OpNumber(Op::Boot), Request(), response));
    ASSERT_TRUE(client.Exchange(OpNumber(Op::Open), Request().Str("NullDriver").U32(0).U32(0), response));
    ASSERT_EQ(response.status, kIOReturnSuccess);
    uint64_t connection = response.U64();

    uint8_t oneByte = 0x41;
    Request call;
    call.U64(connection).U32(1).U64s({}).U64(1).Raw(&oneByte, 1).U32(0).U64(16);
    EXPECT_FALSE(client.Exchange(OpNumber(Op::CallMethod), call, response)) << "the call answered instead of crashing";

    int status = 0;
    ASSERT_TRUE(host.process->WaitExit(std::chrono::seconds(60), status));
    auto report = host.process->Stderr();
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) != 0) << "status " << status;
    EXPECT_NE(report.find("ERROR: AddressSanitizer: heap-buffer-overflow"), std::string::npos) << report;
    EXPECT_NE(report.find("READ of size"), std::string::npos) << report;

    // A crashed host cannot clean up; whoever supervises it removes the private directory.
    unlink(host.socket.c_str());
    rmdir(host.socket.substr(0, host.socket.rfind('/')).c_str());
#endif
}

} // namespace

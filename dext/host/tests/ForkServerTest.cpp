/*
 * --fork-server: each client is served by a fresh copy forked at connect, which greets it with its
 * process id; after the copy ends, the server writes how it ended on stderr and serves the next
 * client; it exits 0 when stdin ends.
 */
#include "TestHosts.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using dexthost::Op;

namespace {

constexpr auto kWait = std::chrono::seconds(60);

std::string EndLine(uint32_t pid, const std::string &how)
{
    return "dexthost: session " + std::to_string(pid) + " ended: " + how + "\n";
}

/* Connects, reads the greeting and returns the copy's process id (0 when there was none). */
uint32_t Greeted(WireClient &client)
{
    Response greeting;
    if (!client.Receive(greeting)) return 0;
    EXPECT_EQ(greeting.status, kIOReturnSuccess);
    uint32_t pid = greeting.U32();
    EXPECT_TRUE(greeting.AtEnd());
    return pid;
}

int32_t OpenNullDriver(WireClient &client)
{
    Response response;
    EXPECT_TRUE(client.Exchange(OpNumber(Op::Open), Request().Str("NullDriver").U32(0).U32(0), response));
    return response.status;
}

/* The virtual clock (dksim's default clock mode). */
uint64_t VirtualNow(WireClient &client)
{
    Response response;
    EXPECT_TRUE(client.Exchange(OpNumber(Op::ClockNow), Request(), response));
    return response.U64();
}

TEST(ForkServer, EachClientGetsAFreshCopyOfTheServer)
{
    auto host = StartPrivateHost(DEXTHOST_PATH, {"--fork-server"});
    ASSERT_FALSE(host.socket.empty()) << host.process->Stderr();
    uint32_t first = 0;
    {
        WireClient client(host.socket);
        first = Greeted(client);
        ASSERT_NE(first, 0u);
        EXPECT_NE(static_cast<pid_t>(first), host.process->Pid()) << "a copy, not the server, serves the client";
        Response response;
        ASSERT_TRUE(client.Exchange(OpNumber(Op::ClockAdvance), Request().U64(5'000'000'000), response));
        EXPECT_EQ(VirtualNow(client), 5'000'000'000u);
        EXPECT_EQ(OpenNullDriver(client), kIOReturnSuccess);
    }
    ASSERT_TRUE(host.process->WaitForStderr(EndLine(first, "exit status 0"), kWait)) << host.process->Stderr();
    {
        WireClient client(host.socket);
        uint32_t second = Greeted(client);
        ASSERT_NE(second, 0u);
        EXPECT_NE(second, first);
        EXPECT_EQ(VirtualNow(client), 0u) << "the first copy's clock did not reach the second";
    }
}

TEST(ForkServer, EndOfStdinEndsTheServerAndRemovesItsDirectory)
{
    auto host = StartPrivateHost(DEXTHOST_PATH, {"--fork-server"});
    ASSERT_FALSE(host.socket.empty()) << host.process->Stderr();
    host.process->CloseStdin();
    int status = 0;
    ASSERT_TRUE(host.process->WaitExit(kWait, status));
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "status " << status;
    struct stat info {
    };
    EXPECT_NE(stat(host.socket.substr(0, host.socket.rfind('/')).c_str(), &info), 0) << "private directory left";
}

TEST(ForkServer, OnceAndForkServerExcludeEachOther)
{
    HostProcess process(DEXTHOST_PATH, {"--private-dir", "--once", "--fork-server"});
    EXPECT_EQ(process.ReadLine(), "");
    int status = 0;
    ASSERT_TRUE(process.WaitExit(kWait, status));
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 2) << "status " << status;
    EXPECT_NE(process.Stderr().find("--once and --fork-server exclude each other"), std::string::npos)
        << process.Stderr();
}

TEST(ForkServer, ACrashEndsTheCopyAndTheNextClientIsServed)
{
#ifndef DEXTHOST_ASAN_PATH
    GTEST_SKIP() << "DEXTHOST_ASAN_PATH is not set: the build has no ASan host of NullDriver";
#else
    auto host = StartPrivateHost(DEXTHOST_ASAN_PATH, {"--fork-server"});
    ASSERT_FALSE(host.socket.empty()) << host.process->Stderr();
    uint32_t crashed = 0;
    {
        WireClient client(host.socket);
        crashed = Greeted(client);
        ASSERT_NE(crashed, 0u);
        Response response;
        ASSERT_TRUE(client.Exchange(OpNumber(Op::Boot), Request(), response));
        ASSERT_TRUE(client.Exchange(OpNumber(Op::Open), Request().Str("NullDriver").U32(0).U32(0), response));
        uint64_t connection = response.U64();
        // NullDriver's unchecked Struct selector (1) reads 16 bytes of a 1-byte input.
        uint8_t oneByte = 0x41;
        Request call;
        call.U64(connection).U32(1).U64s({}).U64(1).Raw(&oneByte, 1).U32(0).U64(16);
        EXPECT_FALSE(client.Exchange(OpNumber(Op::CallMethod), call, response))
            << "the call answered instead of crashing";
    }
    ASSERT_TRUE(host.process->WaitForStderr(EndLine(crashed, "exit status 1"), kWait)) << host.process->Stderr();
    auto text = host.process->Stderr();
    auto report = text.find("ERROR: AddressSanitizer: heap-buffer-overflow");
    EXPECT_NE(report, std::string::npos) << text;
    EXPECT_LT(report, text.find(EndLine(crashed, "exit status 1"))) << "the report comes before the end line";

    WireClient next(host.socket);
    ASSERT_NE(Greeted(next), 0u);
    Response response;
    ASSERT_TRUE(next.Exchange(OpNumber(Op::Boot), Request(), response));
    EXPECT_EQ(OpenNullDriver(next), kIOReturnSuccess);
#endif
}

} // namespace

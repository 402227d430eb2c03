/*
 * dexthost's command line and lifecycle: usage errors, the private directory's modes, clean exit on
 * SIGTERM.
 */
#include "TestHosts.h"

#include <csignal>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>

namespace {

int ExitStatusOf(const std::vector<std::string> &args, std::string &stdoutLine, std::string &stderrText)
{
    HostProcess process(DEXTHOST_PATH, args);
    stdoutLine = process.ReadLine();
    int status = 0;
    EXPECT_TRUE(process.WaitExit(std::chrono::seconds(10), status));
    stderrText = process.Stderr();
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(CommandLine, BadUsageIsOneLineAndStatus2)
{
    const std::vector<std::string> usages[] = {{}, {"--bogus"}, {"--socket"}, {"--socket", "/tmp/x", "--private-dir"}};
    for (const auto &args : usages) {
        std::string out, err;
        EXPECT_EQ(ExitStatusOf(args, out, err), 2);
        EXPECT_EQ(err.rfind("dexthost: ", 0), 0u) << err;
        EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
    }
}

TEST(CommandLine, VersionNamesProtocolAbiAndDext)
{
    std::string out, err;
    EXPECT_EQ(ExitStatusOf({"--version"}, out, err), 0);
    auto expected = "dexthost protocol " + std::to_string(dexthost::kProtocolVersion) + ", dksim ABI 1, dext ";
    EXPECT_EQ(out.rfind(expected, 0), 0u) << out;
    EXPECT_EQ(err, "");
}

TEST(CommandLine, SocketInAMissingDirectoryIsStatus1)
{
    std::string out, err;
    EXPECT_EQ(ExitStatusOf({"--socket", "/nonexistent-dexthost-dir/socket"}, out, err), 1);
    EXPECT_NE(err.find("cannot bind /nonexistent-dexthost-dir/socket"), std::string::npos) << err;
}

TEST(CommandLine, PrivateDirectoryIsOwnerOnlyAndRemovedOnSigterm)
{
    auto host = StartPrivateHost(DEXTHOST_PATH);
    ASSERT_FALSE(host.socket.empty()) << host.process->Stderr();
    auto directory = host.socket.substr(0, host.socket.rfind('/'));
    struct stat info = {};
    ASSERT_EQ(stat(directory.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0700u);
    ASSERT_EQ(stat(host.socket.c_str(), &info), 0);
    EXPECT_TRUE(S_ISSOCK(info.st_mode));
    EXPECT_EQ(info.st_mode & 0777, 0600u);

    kill(host.process->Pid(), SIGTERM);
    int status = 0;
    ASSERT_TRUE(host.process->WaitExit(std::chrono::seconds(10), status));
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
    EXPECT_NE(stat(directory.c_str(), &info), 0) << directory << " is left behind";
}

TEST(CommandLine, ServesClientsOneAfterAnother)
{
    char pattern[] = "/tmp/dexthost-test.XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    std::string socket = std::string(pattern) + "/s";
    HostProcess process(DEXTHOST_PATH, {"--socket", socket});
    for (int attempt = 0; attempt < 500 && access(socket.c_str(), F_OK) != 0; attempt++) usleep(10000);
    for (int client = 0; client < 3; client++) {
        WireClient wire(socket);
        Response response;
        ASSERT_TRUE(wire.Exchange(OpNumber(dexthost::Op::AbiVersion), Request(), response));
        EXPECT_EQ(response.U32(), 1u);
        EXPECT_EQ(response.U32(), dexthost::kProtocolVersion);
    }
    kill(process.Pid(), SIGTERM);
    int status = 0;
    ASSERT_TRUE(process.WaitExit(std::chrono::seconds(10), status));
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    EXPECT_NE(access(socket.c_str(), F_OK), 0) << "the socket is removed on SIGTERM";
    rmdir(pattern);
}

} // namespace

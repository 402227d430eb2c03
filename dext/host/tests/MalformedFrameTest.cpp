/*
 * A client that sends garbage loses its connection, gets one line on stderr, and the host keeps
 * serving the next client: no malformed frame may reach the dext or crash the host.
 */
#include "TestHosts.h"

#include <algorithm>
#include <csignal>
#include <gtest/gtest.h>
#include <sys/wait.h>

using dexthost::Op;

namespace {

std::vector<uint8_t> Frame(uint32_t length, uint32_t op, const Request &payload = Request())
{
    Request frame;
    frame.U32(length).U32(op).Raw(payload.Bytes().data(), payload.Bytes().size());
    return frame.Bytes();
}

std::vector<uint8_t> WellSized(Op op, const Request &payload)
{
    return Frame(static_cast<uint32_t>(payload.Bytes().size() + 4), OpNumber(op), payload);
}

struct Case {
    const char *name;
    std::vector<uint8_t> bytes;
    const char *reported; /* part of the stderr line */
};

std::vector<Case> Cases()
{
    Request callHeader;
    callHeader.U64(1).U32(1).U64s({}).U64((64ull << 20) + 1);
    Request tooManyScalars;
    tooManyScalars.U64(1).U32(0).U32(257);
    Request tooLongReference;
    tooLongReference.U64(1).U32(4).U64s(std::vector<uint64_t>(9, 0));
    return {
        {"length under 4", Frame(2, 1), "frame length 2"},
        {"length over the cap", Frame(0xFFFFFFFFu, 1), "frame length 4294967295"},
        {"unknown op", WellSized(static_cast<Op>(999), Request()), "unknown op 999"},
        {"op 0", WellSized(static_cast<Op>(0), Request()), "unknown op 0"},
        {"string past the frame", WellSized(Op::CountMatching, Request().U32(10).Raw("abc", 3)), "service_name"},
        {"string over 4096", WellSized(Op::CountMatching, Request().Str(std::string(4097, 'x'))), "cap of 4096"},
        {"trailing bytes", WellSized(Op::AbiVersion, Request().U32(0)), "unexpected bytes"},
        {"struct input over 64 MiB", WellSized(Op::CallMethod, callHeader), "struct_input_size"},
        {"scalar count over the cap", WellSized(Op::CallMethod, tooManyScalars), "scalar_input"},
        {"async reference over 8", WellSized(Op::CallAsyncMethod, tooLongReference), "reference"},
        {"truncated u64", WellSized(Op::Close, Request().U32(7)), "connection"},
        {"access ids over the cap", WellSized(Op::Open, Request().Str("NullDriver").U32(0).U32(100000)),
         "access_count"},
        {"completion capacity over the cap", WellSized(Op::TakeCompletions, Request().U64(1).U32(4097)), "capacity"},
        {"HID event capacity over the cap", WellSized(Op::TakeHidEvents, Request().U32(4097)), "capacity"},
        {"hang-up inside a header", {0x10, 0x00}, "inside a frame header"},
        {"hang-up inside a frame", Frame(100, 1), "inside a frame of 100 bytes"},
    };
}

TEST(MalformedFrames, EachDropsTheClientAndTheHostServesTheNext)
{
    auto host = StartPrivateHost(DEXTHOST_PATH);
    ASSERT_FALSE(host.socket.empty()) << host.process->Stderr();
    size_t lines = 0;
    for (const auto &bad : Cases()) {
        SCOPED_TRACE(bad.name);
        {
            WireClient client(host.socket);
            client.SendRaw(bad.bytes);
            // Hang-ups inside a frame are only seen once we close our end.
            if (std::string(bad.name).rfind("hang-up", 0) != 0)
                EXPECT_TRUE(client.ClosedByHost(5000)) << "the host kept the connection";
        }
        WireClient next(host.socket);
        Response response;
        ASSERT_TRUE(next.Exchange(OpNumber(Op::AbiVersion), Request(), response)) << host.process->Stderr();
        EXPECT_EQ(response.U32(), 1u);
        EXPECT_EQ(response.U32(), dexthost::kProtocolVersion);
        lines++;
        auto text = host.process->Stderr();
        EXPECT_NE(text.find(bad.reported), std::string::npos) << text;
        EXPECT_EQ(static_cast<size_t>(std::count(text.begin(), text.end(), '\n')), lines)
            << "one line per dropped client:\n"
            << text;
    }
    kill(host.process->Pid(), SIGTERM);
    int status = 0;
    ASSERT_TRUE(host.process->WaitExit(std::chrono::seconds(10), status));
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
}

TEST(MalformedFrames, WithOnceTheHostExitsWithStatus1)
{
    auto host = StartPrivateHost(DEXTHOST_PATH, {"--once"});
    {
        WireClient client(host.socket);
        client.SendRaw(Frame(2, 1));
        EXPECT_TRUE(client.ClosedByHost(5000));
    }
    int status = 0;
    ASSERT_TRUE(host.process->WaitExit(std::chrono::seconds(10), status));
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 1) << status;
}

} // namespace

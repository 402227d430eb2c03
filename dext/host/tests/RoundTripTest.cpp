/*
 * Every operation of the protocol, once, against NullDriver's release host: the answers must be what
 * dksim returns in-process (values from the NullDriver sample's documented behaviour).
 */
#include "TestHosts.h"

#include <cstring>
#include <gtest/gtest.h>
#include <sys/shm.h>
#include <sys/wait.h>

using dexthost::Op;

namespace {

constexpr uint64_t kSecond = 1000000000ull;
constexpr uint64_t kCallback = 0xC0FFEE, kRefcon = 77;
constexpr size_t kCompletionBytes = 160;

struct Completion {
    uint64_t callback, refcon;
    int32_t status;
    uint32_t argCount;
    uint64_t args[16];
    uint64_t timeNs;
};

class RoundTrip : public ::testing::Test
{
protected:
    void SetUp() override
    {
        host_ = StartPrivateHost(DEXTHOST_PATH, {"--once"});
        ASSERT_FALSE(host_.socket.empty()) << "no socket path on stdout; stderr: " << host_.process->Stderr();
        client_ = std::make_unique<WireClient>(host_.socket);
        ASSERT_EQ(Status(Op::Reset), kIOReturnSuccess);
        ASSERT_EQ(Status(Op::SetClockMode, Request().I32(0)), kIOReturnSuccess);
        ASSERT_EQ(Status(Op::Boot), kIOReturnSuccess);
    }

    void TearDown() override
    {
        client_.reset();
        int status = 0;
        ASSERT_TRUE(host_.process->WaitExit(std::chrono::seconds(10), status));
        EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
            << "status " << status << "; stderr: " << host_.process->Stderr();
        EXPECT_EQ(host_.process->Stderr(), "") << "a clean session writes nothing on stderr";
    }

    Response Ask(Op op, const Request &request = Request())
    {
        Response response;
        EXPECT_TRUE(client_->Exchange(OpNumber(op), request, response))
            << "host closed the connection; stderr: " << host_.process->Stderr();
        return response;
    }

    int32_t Status(Op op, const Request &request = Request())
    {
        auto response = Ask(op, request);
        EXPECT_TRUE(response.AtEnd()) << "op " << OpNumber(op) << " answered extra bytes";
        return response.status;
    }

    uint64_t OpenNullDriver(std::vector<std::string> accessIds = {})
    {
        Request request;
        request.Str("NullDriver").U32(0).U32(static_cast<uint32_t>(accessIds.size()));
        for (const auto &id : accessIds) request.Str(id);
        auto response = Ask(Op::Open, request);
        EXPECT_EQ(response.status, kIOReturnSuccess);
        return response.U64();
    }

    static std::vector<Completion> ReadCompletions(Response &response)
    {
        std::vector<Completion> completions(response.U32());
        EXPECT_EQ(response.payload.size(), 4 + completions.size() * kCompletionBytes);
        for (auto &completion : completions) {
            completion.callback = response.U64();
            completion.refcon = response.U64();
            completion.status = response.I32();
            completion.argCount = response.U32();
            for (auto &arg : completion.args) arg = response.U64();
            completion.timeNs = response.U64();
        }
        EXPECT_TRUE(response.AtEnd());
        return completions;
    }

    static Request StructCall(uint64_t connection, uint32_t selector, uint64_t foo, uint64_t bar,
                              const std::vector<uint64_t> *reference = nullptr)
    {
        uint64_t input[2] = {foo, bar};
        Request request;
        request.U64(connection).U32(selector);
        if (reference != nullptr) request.U64s(*reference);
        request.U64s({}).U64(16).Raw(input, 16).U32(0).U64(16);
        return request;
    }

    static void ExpectStructOutput(Response &response, uint64_t foo, uint64_t bar)
    {
        EXPECT_EQ(response.status, kIOReturnSuccess);
        EXPECT_EQ(response.U32(), 0u);
        ASSERT_EQ(response.U64(), 16u);
        auto bytes = response.Raw(16);
        uint64_t out[2];
        std::memcpy(out, bytes.data(), 16);
        EXPECT_EQ(out[0], foo);
        EXPECT_EQ(out[1], bar);
        EXPECT_TRUE(response.AtEnd());
    }

    std::vector<uint64_t> AsyncReference() const { return {0, kCallback, kRefcon, 0, 0, 0, 0, 0}; }

    PrivateHost host_;
    std::unique_ptr<WireClient> client_;
};

TEST_F(RoundTrip, IdentityAndErrors)
{
    auto version = Ask(Op::AbiVersion);
    EXPECT_EQ(version.status, 0);
    EXPECT_EQ(version.U32(), 1u);
    EXPECT_EQ(version.U32(), dexthost::kProtocolVersion) << "the protocol, since protocol 3";
    EXPECT_TRUE(version.AtEnd());
    auto identifier = Ask(Op::DextIdentifier);
    EXPECT_FALSE(identifier.Str().empty());

    EXPECT_EQ(Status(Op::Close, Request().U64(0xDEAD)), kIOReturnNotOpen);
    auto error = Ask(Op::LastError);
    EXPECT_EQ(error.status, 0);
    error.Str(); // any reason text; it must decode
    EXPECT_TRUE(error.AtEnd());
}

TEST_F(RoundTrip, RegistryAndMatchNotification)
{
    auto count = Ask(Op::CountMatching, Request().Str("NullDriver"));
    EXPECT_EQ(count.status, kIOReturnSuccess);
    EXPECT_EQ(count.U32(), 1u);
    auto none = Ask(Op::CountMatching, Request().Str("NoSuchService"));
    EXPECT_EQ(none.U32(), 0u);

    ASSERT_EQ(Status(Op::Reset), kIOReturnSuccess);
    auto armed = Ask(Op::AddMatchNotification, Request().Str("NullDriver"));
    EXPECT_EQ(armed.status, kIOReturnSuccess);
    uint64_t notification = armed.U64();
    EXPECT_GT(notification, 0u);
    ASSERT_EQ(Status(Op::Boot), kIOReturnSuccess);
    auto polled = Ask(Op::PollMatchNotification, Request().U64(notification));
    EXPECT_EQ(polled.status, kIOReturnSuccess);
    EXPECT_EQ(polled.U32(), 1u) << "a service registered after arming fires the notification";
}

TEST_F(RoundTrip, OpenAndClose)
{
    uint64_t connection = OpenNullDriver({"com.example.app", "com.example.other"});
    EXPECT_NE(connection, 0u);
    auto unknown = Ask(Op::Open, Request().Str("NoSuchService").U32(0).U32(0));
    EXPECT_EQ(unknown.status, kIOReturnNoDevice);
    unknown.U64();
    EXPECT_EQ(Status(Op::Close, Request().U64(connection)), kIOReturnSuccess);
    EXPECT_EQ(Status(Op::Close, Request().U64(connection)), kIOReturnNotOpen);
}

TEST_F(RoundTrip, ScalarCall)
{
    uint64_t connection = OpenNullDriver();
    std::vector<uint64_t> input;
    for (uint64_t k = 0; k < 16; k++) input.push_back(k * 3);
    auto response = Ask(Op::CallMethod, Request().U64(connection).U32(0).U64s(input).U64(0).U32(16).U64(0));
    EXPECT_EQ(response.status, kIOReturnSuccess);
    ASSERT_EQ(response.U32(), 16u);
    for (uint64_t k = 0; k < 16; k++) EXPECT_EQ(response.U64(), k * 3 + 1);
    EXPECT_EQ(response.U64(), 0u);
    EXPECT_TRUE(response.AtEnd());

    std::vector<uint64_t> tooMany(17, 1);
    auto refused = Ask(Op::CallMethod, Request().U64(connection).U32(2).U64s(tooMany).U64(0).U32(16).U64(0));
    EXPECT_EQ(refused.status, kMigArrayTooLarge);
}

TEST_F(RoundTrip, StructCall)
{
    uint64_t connection = OpenNullDriver();
    auto response = Ask(Op::CallMethod, StructCall(connection, 3, 1, 2));
    ExpectStructOutput(response, 2, 12);
}

TEST_F(RoundTrip, AsyncCallAndCompletions)
{
    uint64_t connection = OpenNullDriver();
    auto reference = AsyncReference();
    auto registered = Ask(Op::CallAsyncMethod, StructCall(connection, 4, 5, 6, &reference));
    ExpectStructOutput(registered, 6, 16);

    auto early = Ask(Op::TakeCompletions, Request().U64(connection).U32(4));
    EXPECT_EQ(early.status, kIOReturnSuccess);
    EXPECT_TRUE(ReadCompletions(early).empty()) << "nothing before the 5 s timer";

    EXPECT_EQ(Status(Op::ClockAdvance, Request().U64(kSecond)), kIOReturnSuccess);
    auto now = Ask(Op::ClockNow);
    EXPECT_EQ(now.U64(), kSecond);

    auto waited = Ask(Op::WaitCompletions, Request().U64(connection).U64(10 * kSecond).U32(4));
    EXPECT_EQ(waited.status, kIOReturnSuccess);
    auto completions = ReadCompletions(waited);
    ASSERT_EQ(completions.size(), 1u);
    EXPECT_EQ(completions[0].callback, kCallback);
    EXPECT_EQ(completions[0].refcon, kRefcon);
    EXPECT_EQ(completions[0].status, kIOReturnSuccess);
    ASSERT_EQ(completions[0].argCount, 3u);
    EXPECT_EQ(completions[0].args[0], 2u);
    EXPECT_EQ(completions[0].args[1], 6u);
    EXPECT_EQ(completions[0].args[2], 16u);
    EXPECT_GE(completions[0].timeNs, 5 * kSecond);
    EXPECT_LE(completions[0].timeNs, 7 * kSecond) << "within the timer's 2 s leeway";
}

TEST_F(RoundTrip, RunUntilIdleFiresThePendingTimer)
{
    uint64_t connection = OpenNullDriver();
    auto reference = AsyncReference();
    Ask(Op::CallAsyncMethod, StructCall(connection, 4, 1, 1, &reference));
    auto idle = Ask(Op::RunUntilIdle, Request().U64(60 * kSecond));
    EXPECT_EQ(idle.status, kIOReturnSuccess);
    uint64_t advanced = idle.U64();
    EXPECT_GE(advanced, 5 * kSecond);
    EXPECT_LE(advanced, 7 * kSecond);
    auto taken = Ask(Op::TakeCompletions, Request().U64(connection).U32(4));
    EXPECT_EQ(ReadCompletions(taken).size(), 1u);
}

TEST_F(RoundTrip, RealClockModeRefusesAdvance)
{
    EXPECT_EQ(Status(Op::SetClockMode, Request().I32(1)), kIOReturnSuccess);
    EXPECT_EQ(Status(Op::ClockAdvance, Request().U64(kSecond)), kIOReturnNotPermitted);
    EXPECT_EQ(Status(Op::SetClockMode, Request().I32(0)), kIOReturnSuccess);
}

TEST_F(RoundTrip, LogCaptureCanBeSwitchedOff)
{
    ASSERT_EQ(Status(Op::SetLogCapture, Request().I32(0)), 0);
    uint64_t quiet = OpenNullDriver();
    ASSERT_EQ(Ask(Op::CallMethod, StructCall(quiet, 3, 1, 2)).status, kIOReturnSuccess);
    EXPECT_EQ(Ask(Op::ReadLog, Request().U64(quiet)).Str(), "");
    ASSERT_EQ(Status(Op::SetLogCapture, Request().I32(1)), 0);
    ASSERT_EQ(Ask(Op::CallMethod, StructCall(quiet, 3, 1, 2)).status, kIOReturnSuccess);
    EXPECT_NE(Ask(Op::ReadLog, Request().U64(quiet)).Str().find("checked struct"), std::string::npos);
}

// In Apple's sample the user client is another instance of the NullDriver class itself.
TEST_F(RoundTrip, LiveObjectsAndLogs)
{
    auto count = [this] { return static_cast<int64_t>(Ask(Op::LiveObjects, Request().Str("NullDriver")).U64()); };
    int64_t booted = count();
    EXPECT_GE(booted, 1) << "the service";
    uint64_t connection = OpenNullDriver();
    EXPECT_EQ(count(), booted + 1);
    auto text = Ask(Op::LiveObjectsText);
    EXPECT_NE(text.Str().find("NullDriver=" + std::to_string(booted + 1) + "\n"), std::string::npos);

    for (uint64_t which : {connection, uint64_t{0}}) {
        auto log = Ask(Op::ReadLog, Request().U64(which));
        EXPECT_EQ(log.status, 0);
        auto lines = log.Str();
        EXPECT_FALSE(lines.empty()) << "the sample logs its init, Start and NewUserClient";
        EXPECT_TRUE(lines.front() == '[' && lines.back() == '\n') << lines;
        EXPECT_TRUE(log.AtEnd());
    }
    EXPECT_EQ(Status(Op::Close, Request().U64(connection)), kIOReturnSuccess);
    EXPECT_EQ(count(), booted);
    EXPECT_EQ(Ask(Op::LiveObjects, Request().Str("NoSuchClass")).U64(), 0u);
}

TEST_F(RoundTrip, ResetUnbootsTheSystem)
{
    EXPECT_EQ(Status(Op::Reset), kIOReturnSuccess);
    EXPECT_EQ(Ask(Op::CountMatching, Request().Str("NullDriver")).U32(), 0u);
    EXPECT_EQ(Status(Op::Boot), kIOReturnSuccess);
    EXPECT_EQ(Ask(Op::CountMatching, Request().Str("NullDriver")).U32(), 1u);
}

TEST_F(RoundTrip, CoverageQueriesAndSharedMemoryMap)
{
    auto has = Ask(Op::HasCoverage);
    EXPECT_EQ(has.I32(), 0) << "the release build has no SanitizerCoverage";
    auto edges = Ask(Op::CoverageEdges);
    EXPECT_EQ(edges.U32(), 0u);

    int shm = shmget(IPC_PRIVATE, 65536, IPC_CREAT | 0600);
    ASSERT_GE(shm, 0);
    auto attached = Ask(Op::SetCoverageShm, Request().I32(shm).U32(65536));
    EXPECT_EQ(attached.status, kIOReturnSuccess);
    EXPECT_EQ(attached.Str(), "");
    auto tooBig = Ask(Op::SetCoverageShm, Request().I32(shm).U32(65537));
    EXPECT_EQ(tooBig.status, kIOReturnBadArgument);
    EXPECT_NE(tooBig.Str().find("does not fit"), std::string::npos);
    auto detached = Ask(Op::SetCoverageShm, Request().I32(-1).U32(0));
    EXPECT_EQ(detached.status, kIOReturnSuccess);
    shmctl(shm, IPC_RMID, nullptr);
    auto gone = Ask(Op::SetCoverageShm, Request().I32(shm).U32(0));
    EXPECT_EQ(gone.status, kIOReturnBadArgument);
    EXPECT_FALSE(gone.Str().empty());
}

/* NullDriver has no HID device: TakeHidEvents answers two empty lists (devices, then reports).
 * What a HID device records is tested with VirtualHIDDriver in dext/tests/hid and, over the wire, by
 * the harness's check and fuzz tests of that dext. */
TEST_F(RoundTrip, TakeHidEventsWithoutADeviceIsTwoEmptyLists)
{
    OpenNullDriver();
    auto events = Ask(Op::TakeHidEvents, Request().U32(16));
    EXPECT_EQ(events.status, 0);
    EXPECT_EQ(events.U32(), 0u) << "devices";
    EXPECT_EQ(events.U32(), 0u) << "reports";
    EXPECT_TRUE(events.AtEnd());
}

} // namespace

/* Boot from Info.plist, the registry, entitlements, object accounting, logs and reset. */
#include "Dksim.h"

using namespace dksimtest;

namespace {

using Lifecycle = DksimTest;

TEST_F(Lifecycle, IdentifierComesFromInfoPlist) { EXPECT_STREQ("com.example.ProbeDriver", dksim_dext_identifier()); }

TEST_F(Lifecycle, ServiceIsFoundByItsUserClassName)
{
    uint32_t count = 99;
    ASSERT_EQ(kSuccess, dksim_count_matching("ProbeDriver", &count));
    EXPECT_EQ(1u, count);
    ASSERT_EQ(kSuccess, dksim_count_matching("ProbeUserClient", &count));
    EXPECT_EQ(0u, count) << "user clients are not matchable";
    ASSERT_EQ(kSuccess, dksim_count_matching("NoSuchDriver", &count));
    EXPECT_EQ(0u, count);
}

TEST_F(Lifecycle, OpeningAnUnknownServiceIsNoDevice)
{
    dksim_connection_t connection = 0;
    const char *ids[] = {"com.example.ProbeDriver"};
    EXPECT_EQ(kNoDevice, dksim_open("NoSuchDriver", 0, ids, 1, &connection));
    EXPECT_EQ(0u, connection);
}

TEST_F(Lifecycle, ClientWithoutTheEntitlementIsRefusedAndItsUserClientTerminated)
{
    /* xnu creates the user client first, then checks the app's entitlements and terminates it. */
    dksim_connection_t connection = 0;
    const char *others[] = {"com.example.SomethingElse"};
    EXPECT_EQ(kNotPermitted, dksim_open("ProbeDriver", 0, others, 1, &connection));
    EXPECT_EQ(0u, connection);
    EXPECT_EQ(kNotPermitted, dksim_open("ProbeDriver", 0, nullptr, 0, &connection));
    EXPECT_EQ(0, dksim_live_objects("ProbeUserClient")) << "the refused clients were stopped and freed";
    EXPECT_EQ(0, dksim_live_objects("OSAction"));
    std::string log = ReadLog(0);
    EXPECT_NE(std::string::npos, log.find("NewUserClient(type 0)")) << log;
}

TEST_F(Lifecycle, FirstMatchNotificationFiresForServicesRegisteredLater)
{
    ASSERT_EQ(kSuccess, dksim_reset());
    uint64_t notification = 0;
    ASSERT_EQ(kSuccess, dksim_add_match_notification("ProbeDriver", &notification));
    uint32_t matched = 9;
    ASSERT_EQ(kSuccess, dksim_poll_match_notification(notification, &matched));
    EXPECT_EQ(0u, matched);
    ASSERT_EQ(kSuccess, dksim_boot());
    ASSERT_EQ(kSuccess, dksim_poll_match_notification(notification, &matched));
    EXPECT_EQ(1u, matched);
    uint64_t existing = 0;
    ASSERT_EQ(kSuccess, dksim_add_match_notification("ProbeDriver", &existing));
    ASSERT_EQ(kSuccess, dksim_poll_match_notification(existing, &matched));
    EXPECT_EQ(1u, matched) << "kIOFirstMatchNotification reports services that already exist";
}

TEST_F(Lifecycle, EachOpenCreatesAUserClientAndCloseFreesIt)
{
    dksim_connection_t first = Open("ProbeDriver", {"com.example.ProbeDriver"});
    dksim_connection_t second = Open("ProbeDriver", {"com.example.ProbeDriver"});
    EXPECT_NE(first, second);
    EXPECT_EQ(2, dksim_live_objects("ProbeUserClient"));
    ASSERT_EQ(kSuccess, dksim_close(first));
    EXPECT_EQ(1, dksim_live_objects("ProbeUserClient"));
    ASSERT_EQ(kSuccess, dksim_close(second));
    EXPECT_EQ(0, dksim_live_objects("ProbeUserClient"));
}

TEST_F(Lifecycle, RetainsAndReleasesBalanceOverAConnection)
{
    std::string before(dksim_live_objects_text(nullptr, 0) + 1, '\0');
    before.resize(dksim_live_objects_text(&before[0], before.size()));
    dksim_connection_t connection = Open("ProbeDriver", {"com.example.ProbeDriver"});
    std::vector<uint64_t> reference(8, 0);
    ASSERT_EQ(kSuccess, Call(connection, 4, Shape{{kSecond}, {}, 0, 0}, &reference).status);
    ASSERT_EQ(kSuccess, Call(connection, 4, Shape{{kSecond}, {}, 0, 0}, &reference).status);
    ASSERT_EQ(kSuccess, Call(connection, 1, Shape{{1}, std::vector<uint8_t>(5000, 1), 6, 5000}).status);
    ASSERT_EQ(kSuccess, dksim_clock_advance(2 * kSecond));
    EXPECT_GT(dksim_live_objects("OSAction"), 0);
    ASSERT_EQ(kSuccess, dksim_close(connection));
    std::string after(dksim_live_objects_text(nullptr, 0) + 1, '\0');
    after.resize(dksim_live_objects_text(&after[0], after.size()));
    EXPECT_EQ(before, after);
    EXPECT_EQ(0, dksim_live_objects("OSAction"));
    EXPECT_EQ(0, dksim_live_objects("OSData"));
    EXPECT_EQ(0, dksim_live_objects("IOMemoryDescriptor"));
}

TEST_F(Lifecycle, LeakedObjectsStayCounted)
{
    dksim_connection_t connection = Open("ProbeDriver", {"com.example.ProbeDriver"});
    ASSERT_EQ(kSuccess, Call(connection, 7, Shape{}).status);
    ASSERT_EQ(kSuccess, dksim_close(connection));
    EXPECT_EQ(1, dksim_live_objects("OSData"));
    std::string text(dksim_live_objects_text(nullptr, 0) + 1, '\0');
    text.resize(dksim_live_objects_text(&text[0], text.size()));
    EXPECT_NE(std::string::npos, text.find("OSData=1\n")) << text;
    ASSERT_EQ(kSuccess, dksim_reset());
    EXPECT_EQ(0, dksim_live_objects("OSData")) << "reset makes the current counts the baseline";
}

TEST_F(Lifecycle, LogsArePerConnectionAndSurviveClose)
{
    dksim_connection_t first = Open("ProbeDriver", {"com.example.ProbeDriver"});
    dksim_connection_t second = Open("ProbeDriver", {"com.example.ProbeDriver"});
    Call(first, 1, Shape{});
    Call(second, 9, Shape{});
    ASSERT_EQ(kSuccess, dksim_close(first));
    std::string firstLog = ReadLog(first);
    EXPECT_NE(std::string::npos, firstLog.find("ProbeUserClient - selector 1\n")) << firstLog;
    EXPECT_EQ(std::string::npos, firstLog.find("selector 9"));
    EXPECT_NE(std::string::npos, ReadLog(second).find("selector 9"));
    EXPECT_NE(std::string::npos, ReadLog(0).find("ProbeDriver - Start()")) << "boot logs outside any connection";
    EXPECT_EQ('[', firstLog[0]) << "lines carry the simulator clock";
}

TEST_F(Lifecycle, ResetClosesEverythingAndRewindsTheClock)
{
    dksim_connection_t connection = Open("ProbeDriver", {"com.example.ProbeDriver"});
    ASSERT_EQ(kSuccess, dksim_clock_advance(7 * kSecond));
    uint64_t logged = dksim_read_log(0, nullptr, 0);
    ASSERT_GT(logged, 0u) << "the dext logged while starting";
    ASSERT_EQ(kSuccess, dksim_reset());
    EXPECT_EQ(0u, dksim_clock_now());
    EXPECT_EQ(kNotOpen, Call(connection, 1, Shape{}).status);
    uint64_t afterReset = dksim_read_log(0, nullptr, 0);
    EXPECT_GE(afterReset, logged) << "the logs stay readable until the next boot";
    uint32_t count = 9;
    ASSERT_EQ(kSuccess, dksim_count_matching("ProbeDriver", &count));
    EXPECT_EQ(0u, count) << "not booted after reset";
    dksim_connection_t reopened = 0;
    const char *ids[] = {"com.example.ProbeDriver"};
    ASSERT_EQ(kSuccess, dksim_open("ProbeDriver", 0, ids, 1, &reopened)) << "open boots again";
    EXPECT_EQ(dksim_read_log(0, nullptr, 0), logged)
        << "the boot emptied the last system's logs; its start logged the same again";
}

TEST_F(Lifecycle, ReleaseBuildsHaveNoCoverage)
{
    EXPECT_EQ(0, dksim_has_coverage());
    EXPECT_EQ(0u, dksim_coverage_edges());
}

} // namespace

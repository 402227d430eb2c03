/* HIDDriverKit: a virtual HID device a dext creates from its user client starts through
 * handleStart, hands over its description and report descriptor (kept and counted), and every
 * report it posts with handleReport is recorded for dksim_hid_take_report. */
#include "Dksim.h"

#include <cstring>

using namespace dksimtest;

namespace {

constexpr int32_t kExclusiveAccess = (int32_t)0xe00002c5;
constexpr int32_t kNotFound = (int32_t)0xe00002f0;
const char *const kAccess = "com.example.VirtualHIDDriver";

struct Report {
    dksim_hid_report header{};
    std::vector<uint8_t> bytes;
};

class VirtualHID : public DksimTest
{
protected:
    std::string LiveText()
    {
        std::string text(dksim_live_objects_text(nullptr, 0) + 1, '\0');
        text.resize(dksim_live_objects_text(&text[0], text.size()));
        return text;
    }

    std::vector<Report> TakeAll()
    {
        std::vector<Report> reports;
        for (;;) {
            Report report;
            std::vector<uint8_t> bytes(256, 0xcc);
            int32_t status = dksim_hid_take_report(&report.header, bytes.data(), bytes.size());
            if (status == kNotFound) break;
            EXPECT_EQ(kSuccess, status);
            if (status != kSuccess) break;
            bytes.resize(std::min<size_t>(report.header.byte_count, bytes.size()));
            report.bytes = bytes;
            reports.push_back(report);
        }
        return reports;
    }
};

TEST_F(VirtualHID, CreatingTheDeviceRunsHandleStartAndKeepsItsDescriptors)
{
    dksim_connection_t connection = Open("VirtualHIDDriver", {kAccess});
    int64_t dataBefore = dksim_live_objects("OSData");
    int64_t dictionariesBefore = dksim_live_objects("OSDictionary");
    ASSERT_EQ(kSuccess, Call(connection, 0, Shape{}).status);
    EXPECT_EQ(1, dksim_live_objects("VirtualHIDKeyboard"));
    EXPECT_EQ(dataBefore + 1, dksim_live_objects("OSData")) << "the report descriptor is kept";
    EXPECT_EQ(dictionariesBefore + 1, dksim_live_objects("OSDictionary")) << "the device description is kept";
    std::string log = ReadLog(connection);
    size_t handleStart = log.find("VirtualHIDKeyboard: handleStart");
    size_t started = log.find("VirtualHIDKeyboard: Start 0x0");
    ASSERT_NE(std::string::npos, handleStart) << log;
    ASSERT_NE(std::string::npos, started) << log;
    EXPECT_LT(handleStart, started) << "handleStart runs inside the superclass's Start";
    EXPECT_EQ(kExclusiveAccess, Call(connection, 0, Shape{}).status);
    EXPECT_EQ(0u, dksim_hid_report_count()) << "starting posts nothing";
}

TEST_F(VirtualHID, APostedReportIsRecordedWithItsTypeTimestampAndBytes)
{
    dksim_connection_t connection = Open("VirtualHIDDriver", {kAccess});
    ASSERT_EQ(kSuccess, Call(connection, 0, Shape{}).status);
    ASSERT_EQ(kSuccess, dksim_clock_advance(1234));
    std::vector<uint8_t> keyA = {0x02, 0x00, 0x04, 0, 0, 0, 0, 0}; /* left shift + A */
    ASSERT_EQ(kSuccess, Call(connection, 1, Shape{{}, keyA, 0, 0}).status);
    std::vector<uint8_t> feature = {0x07, 0x01};
    ASSERT_EQ(kSuccess, Call(connection, 1, Shape{{2}, feature, 0, 0}).status);
    EXPECT_EQ(2u, dksim_hid_report_count());

    std::vector<Report> reports = TakeAll();
    ASSERT_EQ(2u, reports.size());
    const dksim_hid_report &first = reports[0].header;
    EXPECT_EQ(0u, first.report_type) << "kIOHIDReportTypeInput";
    EXPECT_EQ(8u, first.report_length);
    EXPECT_EQ(8u, first.byte_count);
    EXPECT_EQ(8u, first.descriptor_length);
    EXPECT_EQ(0u, first.options);
    EXPECT_EQ(kSuccess, first.status);
    EXPECT_EQ(1234u, first.timestamp) << "the dext passed the (virtual) clock";
    EXPECT_EQ(1234u, first.time_ns);
    EXPECT_STREQ("VirtualHIDKeyboard", first.device_class);
    EXPECT_EQ(keyA, reports[0].bytes);
    EXPECT_EQ(2u, reports[1].header.report_type) << "kIOHIDReportTypeFeature";
    EXPECT_EQ(feature, reports[1].bytes);
    EXPECT_EQ(0u, dksim_hid_report_count()) << "taking clears";
    dksim_hid_report none{};
    EXPECT_EQ(kNotFound, dksim_hid_take_report(&none, nullptr, 0));
    EXPECT_EQ(kBadArgument, dksim_hid_take_report(nullptr, nullptr, 0));
}

TEST_F(VirtualHID, AReportLongerThanItsDescriptorIsRefusedAndStillRecorded)
{
    dksim_connection_t connection = Open("VirtualHIDDriver", {kAccess});
    ASSERT_EQ(kSuccess, Call(connection, 0, Shape{}).status);
    std::vector<uint8_t> bytes = {1, 2, 3, 4};
    EXPECT_EQ(kBadArgument, Call(connection, 1, Shape{{0, 64}, bytes, 0, 0}).status);
    std::vector<Report> reports = TakeAll();
    ASSERT_EQ(1u, reports.size());
    EXPECT_EQ(kBadArgument, reports[0].header.status);
    EXPECT_EQ(64u, reports[0].header.report_length);
    EXPECT_EQ(4u, reports[0].header.descriptor_length);
    EXPECT_EQ(bytes, reports[0].bytes) << "only the descriptor's bytes are read";
    EXPECT_NE(std::string::npos, ReadLog(connection).find("handleReport: refused")) << ReadLog(connection);
}

TEST_F(VirtualHID, ACopyingTakeHonoursTheCapacity)
{
    dksim_connection_t connection = Open("VirtualHIDDriver", {kAccess});
    ASSERT_EQ(kSuccess, Call(connection, 0, Shape{}).status);
    std::vector<uint8_t> keyA = {0x00, 0x00, 0x04, 0, 0, 0, 0, 0};
    ASSERT_EQ(kSuccess, Call(connection, 1, Shape{{}, keyA, 0, 0}).status);
    dksim_hid_report header{};
    uint8_t bytes[4] = {0xcc, 0xcc, 0xcc, 0xcc};
    ASSERT_EQ(kSuccess, dksim_hid_take_report(&header, bytes, 3));
    EXPECT_EQ(8u, header.byte_count);
    EXPECT_EQ(0x04, bytes[2]);
    EXPECT_EQ(0xcc, bytes[3]);
}

TEST_F(VirtualHID, TheDextsSetReportOverrideIsReachedThroughIOHIDDevice)
{
    dksim_connection_t connection = Open("VirtualHIDDriver", {kAccess});
    ASSERT_EQ(kSuccess, Call(connection, 0, Shape{}).status);
    CallOutcome outcome = Call(connection, 3, Shape{{0x23}, {}, 1, 0});
    ASSERT_EQ(kSuccess, outcome.status);
    EXPECT_EQ((std::vector<uint64_t>{0x03}), outcome.scalars) << "the LED bits the keyboard kept";
}

TEST_F(VirtualHID, ADeviceWithoutAReportDescriptorFailsToStartAndLeaksNothing)
{
    dksim_connection_t connection = Open("VirtualHIDDriver", {kAccess});
    std::string before = LiveText();
    EXPECT_EQ(kError, Call(connection, 4, Shape{}).status);
    EXPECT_EQ(before, LiveText()) << "the device and its description were freed";
    EXPECT_NE(std::string::npos, ReadLog(connection).find("newReportDescriptor returned NULL")) << ReadLog(connection);
}

TEST_F(VirtualHID, ClosingReleasesTheDeviceAndWhatItKept)
{
    std::string before = LiveText();
    dksim_connection_t connection = Open("VirtualHIDDriver", {kAccess});
    ASSERT_EQ(kSuccess, Call(connection, 0, Shape{}).status);
    std::vector<uint8_t> keyA = {0x00, 0x00, 0x04, 0, 0, 0, 0, 0};
    ASSERT_EQ(kSuccess, Call(connection, 1, Shape{{}, keyA, 0, 0}).status);
    ASSERT_EQ(kSuccess, dksim_close(connection));
    EXPECT_EQ(0, dksim_live_objects("VirtualHIDKeyboard"));
    EXPECT_EQ(before, LiveText());
    EXPECT_EQ(1u, dksim_hid_report_count()) << "reports outlive the device until taken";
    ASSERT_EQ(kSuccess, dksim_reset());
    EXPECT_EQ(0u, dksim_hid_report_count()) << "reset clears them";
}

TEST_F(VirtualHID, PostingWithoutADeviceIsRefusedByTheDext)
{
    dksim_connection_t connection = Open("VirtualHIDDriver", {kAccess});
    std::vector<uint8_t> keyA = {0x00, 0x00, 0x04, 0, 0, 0, 0, 0};
    EXPECT_EQ(kNotReady, Call(connection, 1, Shape{{}, keyA, 0, 0}).status);
    EXPECT_EQ(0u, dksim_hid_report_count());
}

} // namespace

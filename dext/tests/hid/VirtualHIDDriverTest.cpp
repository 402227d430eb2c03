/* HIDDriverKit: a virtual HID device a dext creates from its user client starts through
 * handleStart, hands over its description and report descriptor (kept and counted), and every
 * report it posts with handleReport is recorded for dksim_hid_take_report. */
#include "Dksim.h"

#include <cstring>

using namespace dksimtest;

namespace {

constexpr int32_t kNotFound = (int32_t)0xe00002f0;
const char *const kAccess = "com.example.VirtualHIDDriver";

struct Report {
    dksim_hid_report header{};
    std::vector<uint8_t> bytes;
};

class VirtualHID : public DksimTest
{
protected:
    /* Connection type 1: the dext's raw client, which posts whatever it is given (VirtualHIDUserClient.cpp). */
    dksim_connection_t OpenRaw()
    {
        dksim_connection_t connection = 0;
        EXPECT_EQ(kSuccess, dksim_open("VirtualHIDDriver", 1, &kAccess, 1, &connection)) << dksim_last_error();
        return connection;
    }

    std::vector<dksim_hid_device> TakeDevices(std::vector<std::vector<uint8_t>> *descriptors = nullptr)
    {
        std::vector<dksim_hid_device> devices;
        for (;;) {
            dksim_hid_device device{};
            std::vector<uint8_t> bytes(256, 0xcc);
            if (dksim_hid_take_device(&device, bytes.data(), bytes.size()) != kSuccess) break;
            bytes.resize(std::min<size_t>(device.byte_count, bytes.size()));
            if (descriptors) descriptors->push_back(bytes);
            devices.push_back(device);
        }
        return devices;
    }

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
    EXPECT_EQ(kSuccess, Call(connection, 0, Shape{}).status) << "a second create keeps the keyboard";
    EXPECT_EQ(1, dksim_live_objects("VirtualHIDKeyboard"));
    EXPECT_EQ(0u, dksim_hid_report_count()) << "starting posts nothing";
}

TEST_F(VirtualHID, StartingRecordsTheReportDescriptorForTheHarness)
{
    dksim_connection_t connection = Open("VirtualHIDDriver", {kAccess});
    ASSERT_EQ(kSuccess, dksim_clock_advance(77));
    ASSERT_EQ(kSuccess, Call(connection, 0, Shape{}).status);
    std::vector<std::vector<uint8_t>> descriptors;
    std::vector<dksim_hid_device> devices = TakeDevices(&descriptors);
    ASSERT_EQ(1u, devices.size());
    EXPECT_EQ(1u, devices[0].device_id);
    EXPECT_EQ(77u, devices[0].time_ns);
    EXPECT_EQ(1u, devices[0].has_descriptor);
    EXPECT_STREQ("VirtualHIDKeyboard", devices[0].device_class);
    EXPECT_EQ(devices[0].descriptor_length, devices[0].byte_count);
    ASSERT_EQ(devices[0].byte_count, descriptors[0].size());
    EXPECT_EQ((std::vector<uint8_t>{0x05, 0x01, 0x09, 0x06, 0xA1, 0x01}),
              std::vector<uint8_t>(descriptors[0].begin(), descriptors[0].begin() + 6));
    EXPECT_EQ(0xC0, descriptors[0].back()) << "End Collection";
    EXPECT_EQ(0u, dksim_hid_device_count()) << "taking clears";

    std::vector<uint8_t> keyA = {0x00, 0x00, 0x04, 0, 0, 0, 0, 0};
    ASSERT_EQ(kSuccess, Call(connection, 1, Shape{{}, keyA, 0, 0}).status);
    std::vector<Report> reports = TakeAll();
    ASSERT_EQ(1u, reports.size());
    EXPECT_EQ(1u, reports[0].header.device_id) << "a report names its device as the device start did";
    ASSERT_EQ(kSuccess, Call(connection, 2, Shape{}).status);
    ASSERT_EQ(kSuccess, Call(connection, 0, Shape{}).status);
    devices = TakeDevices();
    ASSERT_EQ(1u, devices.size());
    EXPECT_EQ(2u, devices[0].device_id) << "a new device gets a new number";
    dksim_hid_device none{};
    EXPECT_EQ(kNotFound, dksim_hid_take_device(&none, nullptr, 0));
    EXPECT_EQ(kBadArgument, dksim_hid_take_device(nullptr, nullptr, 0));
}

TEST_F(VirtualHID, ADeviceThatReturnsNoDescriptorIsRecordedAsSuch)
{
    dksim_connection_t connection = OpenRaw();
    EXPECT_EQ(kError, Call(connection, 5, Shape{}).status);
    std::vector<dksim_hid_device> devices = TakeDevices();
    ASSERT_EQ(1u, devices.size());
    EXPECT_EQ(0u, devices[0].has_descriptor);
    EXPECT_EQ(0u, devices[0].descriptor_length);
    EXPECT_STREQ("VirtualHIDNoDescriptor", devices[0].device_class);
}

TEST_F(VirtualHID, TheCheckedClientPostsOnlyTheKeyboardsOwnReports)
{
    dksim_connection_t connection = Open("VirtualHIDDriver", {kAccess});
    EXPECT_EQ(kBadArgument, Call(connection, 1, Shape{{}, {1, 2, 3, 4}, 0, 0}).status) << "an input report is 8 bytes";
    EXPECT_EQ(kBadArgument, Call(connection, 1, Shape{{2}, {7, 1}, 0, 0}).status)
        << "the keyboard has no feature report";
    EXPECT_EQ(kBadArgument, Call(connection, 1, Shape{{0, 64}, std::vector<uint8_t>(8), 0, 0}).status)
        << "no length of the client's";
    EXPECT_EQ(0u, dksim_hid_report_count());
    EXPECT_EQ(kSuccess, Call(connection, 1, Shape{{1}, {0x03}, 0, 0}).status) << "the 1-byte LED output report";
    EXPECT_EQ(1u, dksim_hid_report_count());
}

TEST_F(VirtualHID, PressingMoreKeysThanTheReportHoldsPostsALongerReport)
{
    /* The planted bug that spec.yaml's hid.reports check finds: 2 + count bytes for count > 6. */
    dksim_connection_t connection = Open("VirtualHIDDriver", {kAccess});
    ASSERT_EQ(kSuccess, Call(connection, 4, Shape{{4, 5}, {}, 0, 0}).status);
    ASSERT_EQ(kSuccess, Call(connection, 4, Shape{{4, 5, 6, 7, 8, 9, 10}, {}, 0, 0}).status);
    std::vector<Report> reports = TakeAll();
    ASSERT_EQ(2u, reports.size());
    EXPECT_EQ((std::vector<uint8_t>{0, 0, 4, 5, 0, 0, 0, 0}), reports[0].bytes);
    EXPECT_EQ(9u, reports[1].header.report_length);
    EXPECT_EQ((std::vector<uint8_t>{0, 0, 4, 5, 6, 7, 8, 9, 10}), reports[1].bytes);
}

TEST_F(VirtualHID, APostedReportIsRecordedWithItsTypeTimestampAndBytes)
{
    dksim_connection_t connection = OpenRaw();
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
    dksim_connection_t connection = OpenRaw();
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
    dksim_connection_t connection = OpenRaw();
    std::string before = LiveText();
    EXPECT_EQ(kError, Call(connection, 5, Shape{}).status);
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

TEST_F(VirtualHID, PostingWithoutADeviceCreatesItFirst)
{
    dksim_connection_t connection = Open("VirtualHIDDriver", {kAccess});
    std::vector<uint8_t> keyA = {0x00, 0x00, 0x04, 0, 0, 0, 0, 0};
    EXPECT_EQ(kSuccess, Call(connection, 1, Shape{{}, keyA, 0, 0}).status);
    EXPECT_EQ(1, dksim_live_objects("VirtualHIDKeyboard"));
    EXPECT_EQ(1u, dksim_hid_device_count());
    EXPECT_EQ(1u, dksim_hid_report_count());
}

} // namespace

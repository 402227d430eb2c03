/* UsbVendorDriver on a device the harness describes (dksim_set_device; docs/devices.md, "USB"). */
#include "UsbVendor.h"

using namespace usbtest;

namespace {

const char *kFullSpeed = R"(<plist version="1.0"><dict>
  <key>family</key><string>usb</string>
  <key>idVendor</key><integer>4617</integer>
  <key>idProduct</key><integer>45056</integer>
  <key>bcdUSB</key><integer>272</integer>
  <key>speed</key><string>full</string>
  <key>product</key><string>Vendor Widget</string>
  <key>locationID</key><integer>0x14200000</integer>
  <key>configurations</key><array><dict>
    <key>interfaces</key><array><dict>
      <key>bInterfaceClass</key><integer>255</integer>
      <key>endpoints</key><array>
        <dict><key>address</key><integer>0x85</integer><key>type</key><string>interrupt</string>
              <key>maxPacketSize</key><integer>8</integer><key>interval</key><integer>10</integer></dict>
        <dict><key>address</key><integer>0x01</integer><key>type</key><string>bulk</string></dict>
        <dict><key>address</key><integer>0x82</integer><key>type</key><string>bulk</string></dict>
      </array>
    </dict></array>
  </dict></array>
</dict></plist>)";

class UsbDescribedDevice : public UsbTest
{
protected:
    void SetUp() override { ASSERT_EQ(kSuccess, dksim_reset()); }
    void TearDown() override
    {
        dksim_reset();
        dksim_set_device(nullptr); /* the description outlives resets */
    }
};

TEST_F(UsbDescribedDevice, ItsEndpointsAndSpeedAreWhatTheDextSees)
{
    ASSERT_EQ(kSuccess, dksim_set_device(kFullSpeed));
    ASSERT_EQ(kSuccess, dksim_boot()) << dksim_last_error();
    dksim_connection_t connection = OpenClient();
    CallOutcome info = Call(connection, DeviceInfo, Shape{{}, {}, 4, 0});
    ASSERT_EQ(kSuccess, info.status);
    EXPECT_EQ((std::vector<uint64_t>{0x1209, 0xb000, 64, 0x0110}), info.scalars)
        << "a full-speed bulk endpoint's default packet size, the described bcdUSB";
    EXPECT_NE(std::string::npos, ReadLog(0).find("device at locationID 0x14200000: Vendor Widget")) << ReadLog(0);
    ASSERT_EQ(kSuccess, StartRead(connection, AsyncInterruptRead).status);
    ASSERT_EQ(kSuccess, Feed(Transfer({1, 2})));
    std::vector<dksim_completion> done = Take(connection);
    ASSERT_EQ(1u, done.size());
    EXPECT_EQ(2u, done[0].args[0]);
}

TEST_F(UsbDescribedDevice, ADeviceThePersonalityDoesNotMatchIsNotOffered)
{
    std::string other = kFullSpeed;
    other.replace(other.find("45056"), 5, "45057");
    ASSERT_EQ(kSuccess, dksim_set_device(other.c_str()));
    EXPECT_NE(kSuccess, dksim_boot());
    EXPECT_NE(nullptr, strstr(dksim_last_error(), "does not match")) << dksim_last_error();
}

TEST_F(UsbDescribedDevice, AnInterfaceWithoutTheEndpointsTheDextNeedsFailsItsStart)
{
    std::string bulkOnly = kFullSpeed;
    bulkOnly.replace(bulkOnly.find("interrupt"), 9, "bulk");
    ASSERT_EQ(kSuccess, dksim_set_device(bulkOnly.c_str()));
    EXPECT_NE(kSuccess, dksim_boot());
    EXPECT_NE(nullptr, strstr(dksim_last_error(), "Start failed")) << dksim_last_error();
}

TEST_F(UsbDescribedDevice, RawConfigurationBytesAreServedAsWritten)
{
    /* One interface with a bulk IN 0x81, a bulk OUT 0x02 and an interrupt IN 0x83, as hex. */
    const char *raw = R"(<plist version="1.0"><dict>
      <key>idVendor</key><integer>4617</integer><key>idProduct</key><integer>45056</integer>
      <key>configurations</key><array><dict><key>descriptor</key>
        <string>09022700010100803209040000 03ff0000 00 0705810200020007050202000200 07058303400001</string>
      </dict></array></dict></plist>)";
    ASSERT_EQ(kSuccess, dksim_set_device(raw));
    ASSERT_EQ(kSuccess, dksim_boot()) << dksim_last_error();
    dksim_connection_t connection = OpenClient();
    EXPECT_EQ(kSuccess, Call(connection, DeviceInfo, Shape{{}, {}, 4, 0}).status);
}

TEST_F(UsbDescribedDevice, AMalformedKeyIsRefusedAtBootWithItsName)
{
    ASSERT_EQ(kSuccess, dksim_set_device(R"(<plist version="1.0"><dict>
      <key>idVendor</key><string>many</string></dict></plist>)"));
    EXPECT_NE(kSuccess, dksim_boot());
    EXPECT_NE(nullptr, strstr(dksim_last_error(), "idVendor")) << dksim_last_error();
}

TEST_F(UsbDescribedDevice, AMisspeltKeyStopsTheBootWithItsPathAndLine)
{
    ASSERT_EQ(kSuccess, dksim_set_device("<plist version=\"1.0\"><dict><key>configurations</key><array><dict>\n"
                                         "<key>interfaces</key><array><dict><key>endpoints</key><array><dict>\n"
                                         "<key>adress</key><integer>129</integer></dict></array></dict></array>"
                                         "</dict></array></dict></plist>"));
    EXPECT_NE(kSuccess, dksim_boot());
    EXPECT_NE(nullptr,
              strstr(dksim_last_error(), "configurations[0].interfaces[0].endpoints[0]: unknown key 'adress' (line 3)"))
        << dksim_last_error();
}

} // namespace

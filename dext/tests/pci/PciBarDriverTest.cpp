/* PciBarDriver on the simulated PCI function: configuration space from the personality's IOPCIMatch,
 * BAR registers through the user client, device data before the register store, BAR0 mapped to the
 * app, an MSI interrupt completed to the app, DMA balance, and a described device. */
#include "PciSupport.h"

using namespace dksimtest;

namespace {

TEST_F(PciBar, TheDefaultDeviceHasTheIdsOfTheMatchAndItsDefaults)
{
    dksim_connection_t connection = OpenClient();
    EXPECT_EQ(0x00421b36u, Config(connection, 0x00)) << "IOPCIMatch 0x00421b36: device 0x0042, vendor 0x1b36";
    EXPECT_EQ(0xFF000001u, Config(connection, 0x08)) << "class 0xFF0000, revision 1";
    EXPECT_EQ(0x00100006u, Config(connection, 0x04)) << "the dext enabled memory and bus mastering; capabilities";
    EXPECT_EQ(0xC0000004u, Config(connection, 0x10)) << "BAR0: 64-bit memory at its simulated address";
    EXPECT_EQ(0x00000000u, Config(connection, 0x14));
    EXPECT_EQ(0x50u, Config(connection, 0x34) & 0xFF) << "the capability list starts with MSI";
    EXPECT_EQ(0x00800005u, Config(connection, 0x50)) << "MSI: one vector, 64-bit capable";
    EXPECT_EQ(0u, Config(connection, 0x1000 - 4)) << "the end of the extended configuration space";
    EXPECT_EQ(0x00421b36u, Config(connection, 4096 + 2)) << "decoded inside 4 KiB, aligned";
    EXPECT_NE(std::string::npos, ReadLog(0).find("device-id 0x0042")) << "the nub's registry property";
}

TEST_F(PciBar, RegistersReadBackWhatTheDextWrote)
{
    dksim_connection_t connection = OpenClient();
    ASSERT_EQ(kSuccess, Write(connection, 0x40, 0x1234));
    CallOutcome outcome = Read(connection, 0x40);
    ASSERT_EQ(kSuccess, outcome.status);
    EXPECT_EQ(0x1234u, outcome.scalars.at(0));
    EXPECT_EQ(0u, Read(connection, 0xFFFC).scalars.at(0)) << "the last register of 64 KiB";
    EXPECT_EQ(0x1234u, Read(connection, 0x10042).scalars.at(0)) << "decoded inside the BAR, aligned";
    EXPECT_EQ(kSuccess, Write(connection, 0x24, 7));
    EXPECT_EQ(0u, Read(connection, 0x24).scalars.at(0)) << "the device ignores writes to its status registers";
    EXPECT_EQ(kBadArgument, Call(connection, kReadRegister, Shape{{}, {}, 1, 0}).status) << "checked shape";
    EXPECT_EQ(kUnsupported, Call(connection, 9, Shape{}).status);
}

TEST_F(PciBar, RegisterReadsTakeDeviceDataWhileItHoldsAWholeValue)
{
    dksim_connection_t connection = OpenClient();
    ASSERT_EQ(kSuccess, Write(connection, 0x40, 0x1234));
    Feed({0xDD, 0xCC, 0xBB, 0xAA, 0x01, 0x02});
    EXPECT_EQ(0xAABBCCDDu, Read(connection, 0x40).scalars.at(0)) << "little-endian, from the stream";
    EXPECT_EQ(0x1234u, Read(connection, 0x40).scalars.at(0)) << "two bytes are not a register: the store";
    Feed({0x03, 0x04});
    EXPECT_EQ(0x04030201u, Read(connection, 0x40).scalars.at(0));
    EXPECT_EQ(0x1234u, Read(connection, 0x40).scalars.at(0));
    EXPECT_EQ(0x00421b36u, Config(connection, 0)) << "configuration reads never take device data";
}

TEST_F(PciBar, Bar0MappedToTheAppSeesTheDextsWrites)
{
    dksim_connection_t connection = OpenClient();
    uint64_t options = 0, map = 0, length = 0;
    ASSERT_EQ(kSuccess, dksim_map_memory(connection, kBar0, &options, &map, &length)) << dksim_last_error();
    EXPECT_EQ(1u, options) << "kIOUserClientMemoryReadOnly";
    EXPECT_EQ(65536u, length);
    ASSERT_EQ(kSuccess, Write(connection, 0x80, 0xCAFE));
    uint32_t value = 0;
    ASSERT_EQ(kSuccess, dksim_memory_read(map, 0x80, &value, sizeof value));
    EXPECT_EQ(0xCAFEu, value);
    EXPECT_EQ(kNotWritable, dksim_memory_write(map, 0x24, &value, sizeof value));
    ASSERT_EQ(kSuccess, dksim_close(connection));
    EXPECT_EQ(0, dksim_live_objects("IOMemoryDescriptor")) << "the BAR descriptor went with the mapping";
}

TEST_F(PciBar, EveryInterruptCompletesTheRegisteredCallback)
{
    dksim_connection_t connection = OpenClient();
    EXPECT_EQ(kSuccess, dksim_device_interrupt(0)) << "no callback: handled, nothing to complete";
    EXPECT_TRUE(Take(connection).empty());
    EXPECT_EQ(kBadArgument, Call(connection, kRegisterInterruptCallback, Shape{}).status) << "a completion is required";
    ASSERT_EQ(kSuccess, Call(connection, kRegisterInterruptCallback, Shape{}, &reference).status);
    std::vector<uint64_t> newer{0, 0x3333, 0x4444};
    ASSERT_EQ(kSuccess, Call(connection, kRegisterInterruptCallback, Shape{}, &newer).status) << "replaces";
    Feed({0x05, 0x00, 0x00, 0x00}); /* the handler's read of the interrupt status register */
    ASSERT_EQ(kSuccess, dksim_device_interrupt(0));
    ASSERT_EQ(kSuccess, dksim_device_interrupt(0));
    std::vector<dksim_completion> completions = Take(connection);
    ASSERT_EQ(2u, completions.size());
    EXPECT_EQ(kSuccess, completions[0].status);
    EXPECT_EQ(0x3333u, completions[0].callback) << "the newest registration";
    ASSERT_EQ(2u, completions[0].arg_count);
    EXPECT_EQ(1u, completions[0].args[0]) << "one interrupt";
    EXPECT_EQ(5u, completions[0].args[1]) << "the status the device returned";
    EXPECT_EQ(0u, completions[1].args[1]) << "then the register's own value";
    EXPECT_EQ(0u, Read(connection, 0x28).scalars.at(0)) << "the handler cleared what it handled last";
    EXPECT_EQ(kBadArgument, dksim_device_interrupt(1)) << "one MSI vector";
    ASSERT_EQ(kSuccess, dksim_close(connection));
    EXPECT_EQ(0, dksim_live_objects("OSAction")) << "both registrations' actions were released";
}

TEST_F(PciBar, BalancedDmaShowsNoViolation)
{
    dksim_connection_t connection = OpenClient();
    CallOutcome started = Call(connection, kStartDMA, Shape{{4096}, {}, 2, 0});
    ASSERT_EQ(kSuccess, started.status);
    EXPECT_EQ(0x10000000u, started.scalars.at(0)) << "the first simulated bus address";
    EXPECT_EQ(1u, started.scalars.at(1)) << "one segment";
    EXPECT_EQ(0x10000000u, Read(connection, 0x10).scalars.at(0)) << "programmed into the device";
    EXPECT_EQ(4096u, Read(connection, 0x18).scalars.at(0));
    CallOutcome restarted = Call(connection, kStartDMA, Shape{{16385}, {}, 2, 0});
    ASSERT_EQ(kSuccess, restarted.status) << "completes the running transfer, starts the whole buffer";
    EXPECT_EQ(0x10001000u, restarted.scalars.at(0)) << "the next page";
    EXPECT_EQ(16384u, Read(connection, 0x18).scalars.at(0));
    EXPECT_EQ(kSuccess, Call(connection, kCompleteDMA, Shape{}).status);
    EXPECT_EQ(kSuccess, Call(connection, kCompleteDMA, Shape{}).status) << "nothing left to end";
    ASSERT_EQ(kSuccess, dksim_close(connection));
    EXPECT_TRUE(Violations().empty());
    EXPECT_EQ(0, dksim_live_objects("IODMACommand"));
}

TEST_F(PciBar, TheForgottenCompleteDMAIsADmaBalanceViolation)
{
    dksim_connection_t connection = OpenClient();
    ASSERT_EQ(kSuccess, Call(connection, kStartDMA, Shape{{512}, {}, 2, 0}).status);
    EXPECT_TRUE(Violations().empty()) << "nothing is wrong while the DMA runs";
    ASSERT_EQ(kSuccess, dksim_close(connection));
    std::vector<std::string> messages;
    std::vector<dksim_violation> violations = Violations(&messages);
    ASSERT_EQ(1u, violations.size());
    EXPECT_STREQ("device.dma-balance", violations[0].rule);
    EXPECT_EQ(connection, violations[0].connection);
    EXPECT_NE(std::string::npos, messages[0].find("freed while still prepared")) << messages[0];
}

TEST_F(PciBar, ADescribedDeviceHasItsIdsBarsAndVectors)
{
    Describe("<key>family</key><string>pci</string>"
             "<key>vendorID</key><integer>4334</integer>" /* 0x10ee */
             "<key>deviceID</key><string>0x7024</string>"
             "<key>classCode</key><integer>131072</integer>" /* 0x020000 */
             "<key>subsystemVendorID</key><integer>4334</integer><key>subsystemID</key><integer>7</integer>"
             "<key>msiVectors</key><integer>2</integer>"
             "<key>bars</key><array><dict><key>index</key><integer>0</integer><key>size</key><integer>4096</integer>"
             "<key>type</key><string>memory32</string><key>registers</key><string>78563412 00000000</string>"
             "</dict></array>");
    dksim_connection_t connection = OpenClient();
    EXPECT_EQ(0x702410eeu, Config(connection, 0x00));
    EXPECT_EQ(0x02000001u, Config(connection, 0x08));
    EXPECT_EQ(0x000710eeu, Config(connection, 0x2C));
    EXPECT_EQ(0xC0000000u, Config(connection, 0x10)) << "32-bit memory";
    EXPECT_EQ(0x00820005u, Config(connection, 0x50) & 0x00FFFFFF) << "MSI: two vectors (log2 1)";
    EXPECT_EQ(0x12345678u, Read(connection, 0).scalars.at(0)) << "the described register contents";
    EXPECT_EQ(0x12345678u, Read(connection, 4096).scalars.at(0)) << "a 4 KiB BAR: decoded at 0";
    uint64_t options = 0, map = 0, length = 0;
    ASSERT_EQ(kSuccess, dksim_map_memory(connection, kBar0, &options, &map, &length));
    EXPECT_EQ(4096u, length);
    EXPECT_EQ(kSuccess, dksim_device_interrupt(1)) << "vector 1 exists (no source: dropped)";
    EXPECT_EQ(kBadArgument, dksim_device_interrupt(2));
}

TEST_F(PciBar, AMalformedDescriptionStopsTheBootWithItsLine)
{
    ASSERT_EQ(kSuccess, dksim_reset());
    ASSERT_EQ(kSuccess, dksim_set_device("<plist version=\"1.0\"><dict>\n<key>bars</key><array><dict>\n"
                                         "<key>size</key><integer>3000</integer></dict></array></dict></plist>"));
    EXPECT_EQ(kError, dksim_boot());
    EXPECT_NE(nullptr, strstr(dksim_last_error(), "size must be a power of two")) << dksim_last_error();
    EXPECT_NE(nullptr, strstr(dksim_last_error(), "device description:2:")) << dksim_last_error();
    ASSERT_EQ(kSuccess, dksim_set_device("<plist version=\"1.0\"><dict><key>family</key><string>usb</string>"
                                         "</dict></plist>"));
    EXPECT_EQ(kError, dksim_boot());
    EXPECT_NE(nullptr, strstr(dksim_last_error(), "usb device")) << dksim_last_error();
    ASSERT_EQ(kSuccess, dksim_set_device("<plist version=\"1.0\"><dict>\n<key>vendorId</key><integer>1</integer>"
                                         "</dict></plist>"));
    EXPECT_EQ(kError, dksim_boot()) << "a misspelt key is not a silently default device";
    EXPECT_NE(nullptr, strstr(dksim_last_error(), "unknown key 'vendorId' (line 2); known: family, vendorID"))
        << dksim_last_error();
    ASSERT_EQ(kSuccess, dksim_set_device(nullptr));
}

TEST_F(PciBar, ReadEventIsFineWithTheSlotsADeviceNames)
{
    dksim_connection_t connection = OpenClient();
    EXPECT_EQ(0xE000u, Call(connection, kReadEvent, Shape{{}, {}, 1, 0}).scalars.at(0)) << "slot register 0";
    Feed({15, 0, 0, 0});
    EXPECT_EQ(0xE00Fu, Call(connection, kReadEvent, Shape{{}, {}, 1, 0}).scalars.at(0));
}

} // namespace

/* The descriptor walkers of AppleUSBDescriptorParsing.h on hand-made configurations, well formed and
 * not: a walk over device bytes must stop at wTotalLength and at a bLength that makes no progress. */
#include <USBDriverKit/USBDriverKit.h>
#include <gtest/gtest.h>

#include <vector>

namespace {

/* Interface 0 (two endpoints, a class-specific descriptor first), interface 1 alt 0 and alt 1. */
std::vector<uint8_t> Configuration()
{
    std::vector<uint8_t> bytes = {
        9, 2,    0,    0, 2,    1,    0, 0x80, 50, /* configuration */
        9, 4,    0,    0, 2,    0xff, 0, 0,    0,  /* interface 0 */
        5, 0x24, 1,    2, 3,                       /* class-specific */
        7, 5,    0x81, 2, 0x00, 0x02, 0,           /* bulk IN 512 */
        7, 5,    0x02, 2, 0x40, 0x00, 0,           /* bulk OUT 64 */
        9, 4,    1,    0, 1,    3,    1, 1,    0,  /* interface 1 alt 0 */
        7, 5,    0x83, 3, 0x08, 0x00, 4,           /* interrupt IN 8 */
        9, 4,    1,    1, 0,    3,    1, 1,    0,  /* interface 1 alt 1 */
    };
    bytes[2] = (uint8_t)bytes.size();
    return bytes;
}

const IOUSBConfigurationDescriptor *Config(const std::vector<uint8_t> &bytes)
{
    return reinterpret_cast<const IOUSBConfigurationDescriptor *>(bytes.data());
}

const IOUSBDescriptorHeader *Header(const void *p) { return static_cast<const IOUSBDescriptorHeader *>(p); }

TEST(UsbDescriptorParsing, WalksEveryDescriptorAfterTheConfigurationHeader)
{
    std::vector<uint8_t> bytes = Configuration();
    std::vector<uint8_t> types;
    for (auto *d = IOUSBGetNextDescriptor(Config(bytes), nullptr); d; d = IOUSBGetNextDescriptor(Config(bytes), d))
        types.push_back(d->bDescriptorType);
    EXPECT_EQ((std::vector<uint8_t>{4, 0x24, 5, 5, 4, 5, 4}), types);
}

TEST(UsbDescriptorParsing, FindsInterfacesAndOnlyTheirOwnEndpoints)
{
    std::vector<uint8_t> bytes = Configuration();
    const IOUSBInterfaceDescriptor *first = IOUSBGetNextInterfaceDescriptor(Config(bytes), nullptr);
    ASSERT_NE(nullptr, first);
    EXPECT_EQ(0, first->bInterfaceNumber);
    std::vector<uint8_t> addresses;
    for (auto *e = IOUSBGetNextEndpointDescriptor(Config(bytes), first, nullptr); e;
         e = IOUSBGetNextEndpointDescriptor(Config(bytes), first, Header(e)))
        addresses.push_back(e->bEndpointAddress);
    EXPECT_EQ((std::vector<uint8_t>{0x81, 0x02}), addresses);
    const IOUSBInterfaceDescriptor *second = IOUSBGetNextInterfaceDescriptor(Config(bytes), Header(first));
    ASSERT_NE(nullptr, second);
    const IOUSBEndpointDescriptor *interrupt = IOUSBGetNextEndpointDescriptor(Config(bytes), second, nullptr);
    ASSERT_NE(nullptr, interrupt);
    EXPECT_EQ(nullptr, IOUSBGetNextEndpointDescriptor(Config(bytes), second, Header(interrupt)));
    const IOUSBInterfaceDescriptor *alternate = IOUSBGetNextInterfaceDescriptor(Config(bytes), Header(second));
    ASSERT_NE(nullptr, alternate);
    EXPECT_EQ(1, alternate->bAlternateSetting);
    EXPECT_EQ(nullptr, IOUSBGetNextEndpointDescriptor(Config(bytes), alternate, nullptr));
    EXPECT_EQ(nullptr, IOUSBGetNextInterfaceDescriptor(Config(bytes), Header(alternate)));
    EXPECT_EQ(Header(&bytes[18]),
              IOUSBGetNextAssociatedDescriptorWithType(Config(bytes), Header(first), nullptr, 0x24));
}

TEST(UsbDescriptorParsing, EndpointFieldHelpers)
{
    const IOUSBEndpointDescriptor bulkIn = {7, 5, 0x81, 2, 0x0200, 0};
    const IOUSBEndpointDescriptor interruptOut = {7, 5, 0x03, 3, 0x1808, 4};
    EXPECT_EQ(kIOUSBEndpointDirectionIn, IOUSBGetEndpointDirection(&bulkIn));
    EXPECT_EQ(kIOUSBEndpointDirectionOut, IOUSBGetEndpointDirection(&interruptOut));
    EXPECT_EQ(1, IOUSBGetEndpointNumber(&bulkIn));
    EXPECT_EQ(0x81, IOUSBGetEndpointAddress(&bulkIn));
    EXPECT_EQ(kIOUSBEndpointTypeBulk, IOUSBGetEndpointType(&bulkIn));
    EXPECT_EQ(kIOUSBEndpointTypeInterrupt, IOUSBGetEndpointType(&interruptOut));
    EXPECT_EQ(512, IOUSBGetEndpointMaxPacketSize(kIOUSBHostConnectionSpeedHigh, &bulkIn));
    EXPECT_EQ(8, IOUSBGetEndpointMaxPacketSize(kIOUSBHostConnectionSpeedHigh, &interruptOut)) << "mult bits dropped";
    EXPECT_EQ(8u, IOUSBGetEndpointIntervalMicroframes(kIOUSBHostConnectionSpeedHigh, &interruptOut)) << "2^(4-1)";
    EXPECT_EQ(1u, IOUSBGetEndpointIntervalFrames(kIOUSBHostConnectionSpeedHigh, &interruptOut));
}

TEST(UsbDescriptorParsing, StopsAtTheTotalLength)
{
    std::vector<uint8_t> bytes = Configuration();
    bytes[2] = 9 + 9 + 5 + 3; /* ends inside the bulk IN endpoint */
    const IOUSBInterfaceDescriptor *first = IOUSBGetNextInterfaceDescriptor(Config(bytes), nullptr);
    ASSERT_NE(nullptr, first);
    EXPECT_EQ(nullptr, IOUSBGetNextEndpointDescriptor(Config(bytes), first, nullptr));
    EXPECT_EQ(nullptr, IOUSBGetNextInterfaceDescriptor(Config(bytes), Header(first)));
}

TEST(UsbDescriptorParsing, AZeroOrOneByteLengthEndsTheWalk)
{
    for (uint8_t length : {0, 1}) {
        std::vector<uint8_t> bytes = Configuration();
        bytes[18] = length; /* the class-specific descriptor */
        const IOUSBInterfaceDescriptor *first = IOUSBGetNextInterfaceDescriptor(Config(bytes), nullptr);
        ASSERT_NE(nullptr, first);
        EXPECT_EQ(nullptr, IOUSBGetNextEndpointDescriptor(Config(bytes), first, nullptr)) << (int)length;
    }
}

TEST(UsbDescriptorParsing, ADescriptorTooShortForItsTypeIsSkipped)
{
    std::vector<uint8_t> bytes = {9, 2, 0, 0, 1, 1, 0, 0x80, 50, 3, 4, 0, 9, 4, 1, 0, 0, 0xff, 0, 0, 0};
    bytes[2] = (uint8_t)bytes.size();
    const IOUSBInterfaceDescriptor *found = IOUSBGetNextInterfaceDescriptor(Config(bytes), nullptr);
    ASSERT_NE(nullptr, found);
    EXPECT_EQ(1, found->bInterfaceNumber);
    EXPECT_EQ(nullptr, IOUSBGetNextDescriptor(nullptr, nullptr));
}

} // namespace

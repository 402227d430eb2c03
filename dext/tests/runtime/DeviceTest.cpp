/* The simulated-device ABI on a dext without a device (ProbeDriver matches IOUserResources): what it
 * refuses and why. The USB and PCI families' own suites drive real devices. */
#include "Dksim.h"

#include <string.h>

using namespace dksimtest;

namespace {

using Device = DksimTest;

constexpr int32_t kBusy = (int32_t)0xe00002d5;

TEST_F(Device, AMalformedDescriptionIsRefusedWithItsLine)
{
    ASSERT_EQ(kSuccess, dksim_reset()) << "a description is set before boot";
    EXPECT_EQ(kBadArgument, dksim_set_device("<plist version=\"1.0\">\n<dict>\n<key>family</key>\n</plist>"));
    EXPECT_NE(nullptr, strstr(dksim_last_error(), "device description:"));
    EXPECT_EQ(kBadArgument, dksim_set_device("<plist version=\"1.0\"><array/></plist>"));
    EXPECT_NE(nullptr, strstr(dksim_last_error(), "not a dictionary"));
    EXPECT_EQ(kSuccess, dksim_set_device(nullptr)) << "no description is allowed";
}

TEST_F(Device, TheDescriptionCannotChangeUnderARunningDext)
{
    EXPECT_EQ(kBusy, dksim_set_device(""));
    ASSERT_EQ(kSuccess, dksim_reset());
    EXPECT_EQ(kSuccess, dksim_set_device(""));
}

TEST_F(Device, ADextOnIOUserResourcesHasNothingToUnplugOrInterrupt)
{
    EXPECT_EQ(kUnsupported, dksim_device_unplug());
    EXPECT_NE(nullptr, strstr(dksim_last_error(), "IOUserResources"));
    EXPECT_EQ(kUnsupported, dksim_device_interrupt(0));
    uint32_t count = 0;
    ASSERT_EQ(kSuccess, dksim_count_matching("ProbeDriver", &count));
    EXPECT_EQ(1u, count) << "a refused unplug leaves the service running";
}

TEST_F(Device, DeviceDataWaitsAndIsBoundedAndNothingIsViolated)
{
    const uint8_t bytes[4] = {1, 2, 3, 4};
    EXPECT_EQ(kSuccess, dksim_device_feed(bytes, sizeof bytes));
    EXPECT_EQ(kBadArgument, dksim_device_feed(nullptr, 1));
    std::vector<uint8_t> big(DKSIM_MAX_DEVICE_DATA, 0);
    EXPECT_EQ((int32_t)0xe00002db /* kIOReturnNoSpace */, dksim_device_feed(big.data(), big.size()));
    EXPECT_EQ(0u, dksim_violation_count());
    dksim_violation violation;
    EXPECT_EQ((int32_t)0xe00002f0 /* kIOReturnNotFound */, dksim_take_violation(&violation, nullptr, 0));
    EXPECT_EQ(kBadArgument, dksim_take_violation(nullptr, nullptr, 0));
}

} // namespace

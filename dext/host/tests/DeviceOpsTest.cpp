/*
 * The simulated-device operations (protocol 5) against NullDriver's release host. NullDriver matches
 * IOUserResources, so there is no device to unplug or interrupt: these are the refusals, the shape of
 * their answers, and the frames dropped before dksim sees them. The USB and PCI suites
 * (dext/tests/usb, dext/tests/pci) drive real simulated devices through the same dksim calls.
 */
#include "HostFixture.h"

#include <string>

using dexthost::Op;

namespace {

using DeviceOps = HostFixture;

constexpr int32_t kIOReturnUnsupported = static_cast<int32_t>(0xE00002C7u);
constexpr int32_t kIOReturnBusy = static_cast<int32_t>(0xE00002D5u);

TEST_F(DeviceOps, ADescriptionIsCheckedAndOnlyTakenBeforeBoot)
{
    std::string bad = "<plist version=\"1.0\"><array/></plist>";
    auto refused = Ask(Op::SetDevice, Request().U64(bad.size()).Raw(bad.data(), bad.size()));
    EXPECT_EQ(refused.status, kIOReturnBadArgument);
    EXPECT_TRUE(refused.AtEnd());
    auto none = Ask(Op::SetDevice, Request().U64(0));
    EXPECT_EQ(none.status, kIOReturnSuccess);
    OpenNullDriver();
    auto late = Ask(Op::SetDevice, Request().U64(0));
    EXPECT_EQ(late.status, kIOReturnBusy) << "the dext runs already";
}

TEST_F(DeviceOps, ADextWithoutADeviceRefusesUnplugAndInterruptsAndBreaksNoRule)
{
    OpenNullDriver();
    EXPECT_EQ(Ask(Op::UnplugDevice, Request()).status, kIOReturnUnsupported);
    EXPECT_EQ(Ask(Op::RaiseInterrupt, Request().U32(0)).status, kIOReturnUnsupported);
    uint8_t bytes[2] = {0xff, 0x01};
    EXPECT_EQ(Ask(Op::FeedDevice, Request().U64(2).Raw(bytes, 2)).status, kIOReturnSuccess);
    auto violations = Ask(Op::TakeViolations, Request().U32(16));
    EXPECT_EQ(violations.status, kIOReturnSuccess);
    EXPECT_EQ(violations.U32(), 0u);
    EXPECT_TRUE(violations.AtEnd());
}

TEST_F(DeviceOps, AFeedOverTheCapIsDropped)
{
    Response response;
    EXPECT_FALSE(client_->Exchange(OpNumber(Op::FeedDevice), Request().U64((1u << 20) + 1), response))
        << "the host answered a feed over DKSIM_MAX_DEVICE_DATA";
}

} // namespace

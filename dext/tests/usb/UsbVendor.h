/* UsbVendorDriver's selectors and the steps its tests share: the device data a transfer takes
 * (docs/devices.md, "USB": a 2-byte little-endian length, then the bytes) and the async reads. */
#ifndef DKSIM_TESTS_USB_VENDOR_H
#define DKSIM_TESTS_USB_VENDOR_H

#include "Dksim.h"

#include <string.h>

namespace usbtest {

using namespace dksimtest;

enum Selector : uint32_t {
    VendorRead = 0,
    BulkWrite = 1,
    AsyncBulkRead = 2,
    AbortReads = 3,
    AsyncInterruptRead = 4,
    DeviceInfo = 5,
};

constexpr const char *kService = "UsbVendorDriver";
constexpr const char *kAccess = "com.example.UsbVendorDriver";
constexpr int32_t kAborted = (int32_t)0xe00002eb;
constexpr int32_t kBusy = (int32_t)0xe00002d5;
constexpr int32_t kNotAttached = (int32_t)0xe00002d9;

/* One IN transfer's worth of device data. */
inline std::vector<uint8_t> Transfer(const std::vector<uint8_t> &bytes)
{
    std::vector<uint8_t> data = {(uint8_t)bytes.size(), (uint8_t)(bytes.size() >> 8)};
    data.insert(data.end(), bytes.begin(), bytes.end());
    return data;
}

inline int32_t Feed(const std::vector<uint8_t> &data) { return dksim_device_feed(data.data(), data.size()); }

inline const std::vector<uint64_t> &Reference()
{
    static const std::vector<uint64_t> reference = {0, 0x1000, 0x2000};
    return reference;
}

class UsbTest : public DksimTest
{
protected:
    dksim_connection_t OpenClient() { return Open(kService, {kAccess}); }
    CallOutcome StartRead(dksim_connection_t connection, uint32_t selector)
    {
        return Call(connection, selector, Shape{}, &Reference());
    }
    std::vector<std::string> TakeViolations()
    {
        std::vector<std::string> all;
        dksim_violation violation;
        char message[256];
        while (dksim_take_violation(&violation, message, sizeof message) == kSuccess)
            all.push_back(std::string(violation.rule) + ": " + message);
        return all;
    }
};

} // namespace usbtest

#endif

/*
 * IOHIDDevice and IOUserHIDDevice of HIDDriverKit (the SDK's IOHIDDevice.iig and
 * IOUserHIDDevice.iig; their implementation is in DriverKit's user-space library and in IOHIDFamily's
 * kernel side, neither of which the runtime reproduces). What happens here is what the harness needs
 * to judge a virtual HID dext: the device's lifecycle calls in a plausible order, the objects the
 * dext hands over kept and counted, the report descriptor recorded as Start obtained it, and every
 * report recorded as it was posted (dksim_hid_take_device, dksim_hid_take_report).
 * docs/driverkit-semantics.md, "HIDDriverKit", lists what is inferred.
 */
#include <HIDDriverKit/IOUserHIDDevice.h>

#include <string.h>

#include <DriverKit/IOMemoryDescriptor.h>
#include <DriverKit/OSCollections.h>
#include <DriverKit/OSData.h>

#include "core/Runtime.h"

DKSIM_CLASS_DEFINE_ABSTRACT(IOHIDDevice, IOService)
DKSIM_CLASS_DEFINE_ABSTRACT(IOUserHIDDevice, IOHIDDevice)

namespace {

/* The number a device is known by in dksim_hid_device and dksim_hid_report: given at its first Start
 * or report, kept until it is freed (a freed device's address may be reused by the next one). */
uint64_t DeviceId(const IOHIDDevice *device)
{
    dksim::Runtime &runtime = dksim::Runtime::get();
    auto found = runtime.hidDeviceIds.find(device);
    if (found != runtime.hidDeviceIds.end()) return found->second;
    uint64_t id = runtime.nextHidDevice++;
    runtime.hidDeviceIds[device] = id;
    return id;
}

void CopyClassName(const IOHIDDevice *device, char (&out)[64])
{
    const char *name = device->getMetaClass() ? device->getMetaClass()->getClassName() : "";
    strncpy(out, name ? name : "", sizeof(out) - 1);
}

/* Kept for the harness's hid.reports rule, which parses the descriptor (HID 1.11, 6.2.2) and bounds
 * the device's reports by it; the runtime itself does not interpret it. */
void RecordDescriptor(IOUserHIDDevice *device, OSData *descriptor)
{
    dksim::Runtime &runtime = dksim::Runtime::get();
    dksim::HidDevice entry;
    dksim_hid_device &header = entry.header;
    header.device_id = DeviceId(device);
    header.time_ns = runtime.now();
    header.has_descriptor = descriptor != nullptr;
    header.descriptor_length = descriptor ? descriptor->getLength() : 0;
    CopyClassName(device, header.device_class);
    uint64_t count = header.descriptor_length;
    if (count > DKSIM_MAX_HID_DESCRIPTOR_BYTES) count = DKSIM_MAX_HID_DESCRIPTOR_BYTES;
    const uint8_t *bytes = descriptor ? (const uint8_t *)descriptor->getBytesNoCopy() : nullptr;
    if (bytes && count > 0) entry.descriptor.assign(bytes, bytes + count);
    header.byte_count = (uint32_t)entry.descriptor.size();
    runtime.hidDevices.push_back(std::move(entry));
    while (runtime.hidDevices.size() > DKSIM_MAX_HID_REPORTS) runtime.hidDevices.pop_front();
}

void Record(IOHIDDevice *device, uint64_t timestamp, IOMemoryDescriptor *report, uint32_t reportLength,
            IOHIDReportType reportType, IOOptionBits options, kern_return_t status)
{
    dksim::Runtime &runtime = dksim::Runtime::get();
    dksim::HidReport entry;
    dksim_hid_report &header = entry.header;
    header.timestamp = timestamp;
    header.time_ns = runtime.now();
    header.report_type = (uint32_t)reportType;
    header.options = options;
    header.report_length = reportLength;
    header.descriptor_length = report ? report->dksimLength() : 0;
    header.status = status;
    header.device_id = DeviceId(device);
    CopyClassName(device, header.device_class);
    uint64_t count = reportLength;
    if (count > header.descriptor_length) count = header.descriptor_length;
    if (count > DKSIM_MAX_HID_REPORT_BYTES) count = DKSIM_MAX_HID_REPORT_BYTES;
    if (report && report->dksimBytes() && count > 0)
        entry.bytes.assign(report->dksimBytes(), report->dksimBytes() + count);
    header.byte_count = (uint32_t)entry.bytes.size();
    runtime.hidReports.push_back(std::move(entry));
    while (runtime.hidReports.size() > DKSIM_MAX_HID_REPORTS) {
        uint32_t dropped = runtime.hidReports.front().header.dropped_before + 1;
        runtime.hidReports.pop_front();
        runtime.hidReports.front().header.dropped_before += dropped;
    }
}

} // namespace

/* ---- IOHIDDevice ---- */

kern_return_t IOHIDDevice::handleReport(uint64_t timestamp, IOMemoryDescriptor *report, uint32_t reportLength,
                                        IOHIDReportType reportType, IOOptionBits options)
{
    /* (inferred) The kernel side (IOHIDDevice::handleReport in IOHIDFamily) reads reportLength bytes
     * of the report; a missing descriptor, an empty report or one longer than its descriptor is
     * refused here with kIOReturnBadArgument. Every call is recorded, refused ones with their status,
     * so that the harness sees what the dext tried to post. */
    kern_return_t status = kIOReturnSuccess;
    if (report == nullptr || reportLength == 0 || reportLength > report->dksimLength()) status = kIOReturnBadArgument;
    Record(this, timestamp, report, reportLength, reportType, options, status);
    if (status != kIOReturnSuccess)
        dksim::Runtime::get().appendLog("dksim: handleReport: refused a report of " + std::to_string(reportLength) +
                                        " bytes in a descriptor of " +
                                        std::to_string(report ? report->dksimLength() : 0) + " bytes");
    return status;
}

/* (inferred) Without an override the device answers the system's requests with kIOReturnUnsupported. */
kern_return_t IOHIDDevice::getReport(IOMemoryDescriptor *, IOHIDReportType, IOOptionBits, uint32_t, OSAction *)
{
    return kIOReturnUnsupported;
}

kern_return_t IOHIDDevice::setReport(IOMemoryDescriptor *, IOHIDReportType, IOOptionBits, uint32_t, OSAction *)
{
    return kIOReturnUnsupported;
}

/* Properties of the kernel's HID device are not modelled: nothing reads them. */
void IOHIDDevice::setProperty(OSObject *, OSObject *) {}

/* ---- IOUserHIDDevice ---- */

void IOUserHIDDevice::free()
{
    OSSafeReleaseNULL(dksimDescription_);
    OSSafeReleaseNULL(dksimDescriptor_);
    dksim::Runtime::get().hidDeviceIds.erase(this);
    IOHIDDevice::free();
}

bool IOUserHIDDevice::handleStart(IOService *) { return true; }

OSDictionary *IOUserHIDDevice::newDeviceDescription() { return nullptr; }

OSData *IOUserHIDDevice::newReportDescriptor() { return nullptr; }

/* IOUserHIDDevice.iig: "method called from Start" (handleStart). What follows handleStart is the
 * kernel's part (IOHIDFamily asks the device for its description and report descriptor when it
 * starts the HID device); the order and the error codes here are inferred. */
kern_return_t IOUserHIDDevice::Start_Impl(IOService *provider)
{
    kern_return_t ret = IOService::Start_Impl(provider);
    if (ret != kIOReturnSuccess) return ret;
    dksim::Runtime &runtime = dksim::Runtime::get();
    if (!handleStart(provider)) {
        runtime.appendLog("dksim: IOUserHIDDevice::Start: handleStart returned false");
        return kIOReturnError;
    }
    OSSafeReleaseNULL(dksimDescription_);
    OSSafeReleaseNULL(dksimDescriptor_);
    dksimDescription_ = newDeviceDescription();
    dksimDescriptor_ = newReportDescriptor();
    RecordDescriptor(this, dksimDescriptor_);
    if (dksimDescription_ == nullptr)
        runtime.appendLog("dksim: IOUserHIDDevice::Start: newDeviceDescription returned NULL");
    if (dksimDescriptor_ == nullptr) {
        runtime.appendLog("dksim: IOUserHIDDevice::Start: newReportDescriptor returned NULL");
        return kIOReturnError;
    }
    return kIOReturnSuccess;
}

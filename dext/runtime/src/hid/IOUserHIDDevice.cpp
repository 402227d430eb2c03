/*
 * IOHIDDevice and IOUserHIDDevice of HIDDriverKit (the SDK's IOHIDDevice.iig and
 * IOUserHIDDevice.iig; their implementation is in DriverKit's user-space library and in IOHIDFamily's
 * kernel side, neither of which the runtime reproduces). What happens here is what the harness needs
 * to judge a virtual HID dext: the device's lifecycle calls in a plausible order, the objects the
 * dext hands over kept and counted, and every report recorded as it was posted.
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
    const char *name = device->getMetaClass() ? device->getMetaClass()->getClassName() : "";
    strncpy(header.device_class, name ? name : "", sizeof(header.device_class) - 1);
    uint64_t count = reportLength;
    if (count > header.descriptor_length) count = header.descriptor_length;
    if (count > DKSIM_MAX_HID_REPORT_BYTES) count = DKSIM_MAX_HID_REPORT_BYTES;
    if (report && report->dksimBytes() && count > 0) entry.bytes.assign(report->dksimBytes(), report->dksimBytes() + count);
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
    if (dksimDescription_ == nullptr)
        runtime.appendLog("dksim: IOUserHIDDevice::Start: newDeviceDescription returned NULL");
    if (dksimDescriptor_ == nullptr) {
        runtime.appendLog("dksim: IOUserHIDDevice::Start: newReportDescriptor returned NULL");
        return kIOReturnError;
    }
    return kIOReturnSuccess;
}

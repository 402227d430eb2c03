/*
 * IOHIDDevice (HIDDriverKit/IOHIDDevice.iig in the DriverKit SDK): the HID device as the system
 * sees it. handleReport, getReport, setReport and setProperty are LOCALONLY virtuals there, declared
 * here with the same parameters and defaults.
 *
 * The runtime's handleReport records every report it is given (dksim_hid_report_count /
 * dksim_hid_take_report in dext/include/dksim.h) instead of handing it to an HID event system;
 * getReport and setReport, which the system calls on the device, answer kIOReturnUnsupported unless
 * the dext overrides them (inferred: the SDK's default is not public).
 */
#ifndef DKSIM_HIDDRIVERKIT_IOHIDDEVICE_H
#define DKSIM_HIDDRIVERKIT_IOHIDDEVICE_H

#include <DriverKit/OSAction.h>
#include <DriverKit/IOService.h>
#include <DriverKit/IOTypes.h>
#include <HIDDriverKit/IOHIDDeviceTypes.h>

class IOMemoryDescriptor;

class IOHIDDevice : public IOService
{
    DKSIM_CLASS_DECLARE(IOHIDDevice, IOService)

public:
    /* A report from the device: reportLength bytes at the start of report. */
    virtual kern_return_t handleReport(uint64_t timestamp, IOMemoryDescriptor *report, uint32_t reportLength,
                                       IOHIDReportType reportType = kIOHIDReportTypeInput, IOOptionBits options = 0);
    /* Requests from the system; the low 8 bits of options are the report ID. */
    virtual kern_return_t getReport(IOMemoryDescriptor *report, IOHIDReportType reportType, IOOptionBits options,
                                    uint32_t completionTimeout, OSAction *action);
    virtual kern_return_t setReport(IOMemoryDescriptor *report, IOHIDReportType reportType, IOOptionBits options,
                                    uint32_t completionTimeout, OSAction *action);
    virtual void setProperty(OSObject *key, OSObject *value);
};

#endif

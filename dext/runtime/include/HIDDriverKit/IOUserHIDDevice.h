/*
 * IOUserHIDDevice (HIDDriverKit/IOUserHIDDevice.iig in the DriverKit SDK): the base of a HID device
 * a dext implements. Start (an RPC method, overridable through IMPL) calls handleStart; the dext
 * describes the device by overriding newDeviceDescription (a dictionary of IOHIDDeviceKeys.h keys)
 * and newReportDescriptor (the HID report descriptor bytes). handleStart, newDeviceDescription and
 * newReportDescriptor are LOCALONLY there; dkiig treats overrides of them as local methods.
 *
 * What the runtime's Start does, in order (the order after handleStart is inferred; see
 * docs/driverkit-semantics.md, "HIDDriverKit"): IOService's Start; handleStart(provider), false
 * failing Start with kIOReturnError; newDeviceDescription() and newReportDescriptor(), whose results
 * (the caller owns them: "new") the device keeps until it is freed; no report descriptor fails Start
 * with kIOReturnError.
 */
#ifndef DKSIM_HIDDRIVERKIT_IOUSERHIDDEVICE_H
#define DKSIM_HIDDRIVERKIT_IOUSERHIDDEVICE_H

#include <DriverKit/IOService.h>
#include <HIDDriverKit/IOHIDDevice.h>

class OSData;
class OSDictionary;

class IOUserHIDDevice : public IOHIDDevice
{
    DKSIM_CLASS_DECLARE(IOUserHIDDevice, IOHIDDevice)

public:
    void free() override;

    virtual bool handleStart(IOService *provider);
    /* The base versions return NULL: a subclass must override both. */
    virtual OSDictionary *newDeviceDescription();
    virtual OSData *newReportDescriptor();

    /* Simulator: what Start obtained (not retained for the caller; NULL before Start). */
    OSDictionary *dksimDeviceDescription() const { return dksimDescription_; }
    OSData *dksimReportDescriptor() const { return dksimDescriptor_; }

protected:
    kern_return_t Start_Impl(IOService_Start_Args) override;

private:
    OSDictionary *dksimDescription_ = nullptr;
    OSData *dksimDescriptor_ = nullptr;
};

#endif

#include <os/log.h>
#include <DriverKit/IOLib.h>
#include <DriverKit/IOUserClient.h>
#include <DriverKit/OSCollections.h>
#include <USBDriverKit/USBDriverKit.h>

#include "UsbVendorDriver.h"

#define Log(fmt, ...) os_log(OS_LOG_DEFAULT, "UsbVendorDriver - " fmt "\n", ##__VA_ARGS__)

struct UsbVendorDriver_IVars
{
    IOUSBHostInterface* interface;
    IOUSBHostPipe* bulkIn;
    IOUSBHostPipe* bulkOut;
    IOUSBHostPipe* interruptIn;
};

bool UsbVendorDriver::init()
{
    if (!super::init()) return false;
    ivars = IONewZero(UsbVendorDriver_IVars, 1);
    return ivars != nullptr;
}

void UsbVendorDriver::free()
{
    if (ivars != nullptr)
    {
        OSSafeReleaseNULL(ivars->bulkIn);
        OSSafeReleaseNULL(ivars->bulkOut);
        OSSafeReleaseNULL(ivars->interruptIn);
        OSSafeReleaseNULL(ivars->interface);
    }
    IOSafeDeleteNULL(ivars, UsbVendorDriver_IVars, 1);
    super::free();
}

/* Where the device sits and what it calls itself: the interface's own registry properties, and the
 * device's product name found up the provider chain. */
static void LogIdentity(IOService* provider)
{
    OSDictionary* properties = nullptr;
    uint64_t location = 0;
    if (provider->CopyProperties(&properties) == kIOReturnSuccess)
    {
        OSNumber* number = OSDynamicCast(OSNumber, properties->getObject("locationID"));
        if (number != nullptr) location = number->unsigned64BitValue();
        OSSafeReleaseNULL(properties);
    }
    OSContainer* name = nullptr;
    OSString* product = nullptr;
    if (provider->SearchProperty("USB Product Name", "IOService", kIOServiceSearchPropertyParents, &name) == kIOReturnSuccess)
        product = OSDynamicCast(OSString, name);
    Log("device at locationID 0x%llx: %s", location, product != nullptr ? product->getCStringNoCopy() : "(unnamed)");
    OSSafeReleaseNULL(name);
}

kern_return_t IMPL(UsbVendorDriver, Start)
{
    kern_return_t ret = kIOReturnSuccess;
    const IOUSBConfigurationDescriptor* config = nullptr;
    const IOUSBInterfaceDescriptor* intf = nullptr;
    const IOUSBEndpointDescriptor* ep = nullptr;
    uint8_t bulkInAddress = 0, bulkOutAddress = 0, interruptInAddress = 0;

    ret = Start(provider, SUPERDISPATCH);
    if (ret != kIOReturnSuccess) return ret;

    ivars->interface = OSDynamicCast(IOUSBHostInterface, provider);
    if (ivars->interface == nullptr)
    {
        ret = kIOReturnNoDevice;
        goto Exit;
    }
    ivars->interface->retain();

    LogIdentity(provider);

    ret = ivars->interface->Open(this, 0, NULL);
    if (ret != kIOReturnSuccess)
    {
        Log("Open failed 0x%x", ret);
        goto Exit;
    }

    config = ivars->interface->CopyConfigurationDescriptor();
    if (config == nullptr)
    {
        ret = kIOReturnNotFound;
        goto Exit;
    }
    intf = ivars->interface->GetInterfaceDescriptor(config);
    while (intf != nullptr && (ep = IOUSBGetNextEndpointDescriptor(config, intf, (const IOUSBDescriptorHeader*)ep)) != nullptr)
    {
        uint8_t type = IOUSBGetEndpointType(ep);
        bool in = IOUSBGetEndpointDirection(ep) == kIOUSBEndpointDirectionIn;
        if (type == kIOUSBEndpointTypeBulk && in && bulkInAddress == 0) bulkInAddress = ep->bEndpointAddress;
        if (type == kIOUSBEndpointTypeBulk && !in && bulkOutAddress == 0) bulkOutAddress = ep->bEndpointAddress;
        if (type == kIOUSBEndpointTypeInterrupt && in && interruptInAddress == 0) interruptInAddress = ep->bEndpointAddress;
    }
    IOUSBHostFreeDescriptor(config);
    if (bulkInAddress == 0 || bulkOutAddress == 0 || interruptInAddress == 0)
    {
        Log("endpoints missing: bulk in 0x%02x, bulk out 0x%02x, interrupt in 0x%02x", bulkInAddress, bulkOutAddress, interruptInAddress);
        ret = kIOReturnNotFound;
        goto Exit;
    }

    ret = ivars->interface->CopyPipe(bulkInAddress, &ivars->bulkIn);
    if (ret != kIOReturnSuccess) goto Exit;
    ret = ivars->interface->CopyPipe(bulkOutAddress, &ivars->bulkOut);
    if (ret != kIOReturnSuccess) goto Exit;
    ret = ivars->interface->CopyPipe(interruptInAddress, &ivars->interruptIn);
    if (ret != kIOReturnSuccess) goto Exit;

    ret = RegisterService();
    Log("started: bulk in 0x%02x, bulk out 0x%02x, interrupt in 0x%02x", bulkInAddress, bulkOutAddress, interruptInAddress);

Exit:
    if (ret != kIOReturnSuccess)
    {
        OSSafeReleaseNULL(ivars->bulkIn);
        OSSafeReleaseNULL(ivars->bulkOut);
        OSSafeReleaseNULL(ivars->interruptIn);
        if (ivars->interface != nullptr) ivars->interface->Close(this, 0);
        OSSafeReleaseNULL(ivars->interface);
    }
    return ret;
}

kern_return_t IMPL(UsbVendorDriver, Stop)
{
    Log("Stop");
    if (ivars->bulkIn != nullptr) ivars->bulkIn->Abort(kIOUSBAbortSynchronous, kIOReturnAborted, this);
    if (ivars->interruptIn != nullptr) ivars->interruptIn->Abort(kIOUSBAbortSynchronous, kIOReturnAborted, this);
    OSSafeReleaseNULL(ivars->bulkIn);
    OSSafeReleaseNULL(ivars->bulkOut);
    OSSafeReleaseNULL(ivars->interruptIn);
    if (ivars->interface != nullptr) ivars->interface->Close(this, 0);
    OSSafeReleaseNULL(ivars->interface);
    return Stop(provider, SUPERDISPATCH);
}

kern_return_t IMPL(UsbVendorDriver, NewUserClient)
{
    IOService* client = nullptr;
    kern_return_t ret = Create(this, "UserClientProperties", &client);
    if (ret != kIOReturnSuccess) return ret;
    *userClient = OSDynamicCast(IOUserClient, client);
    if (*userClient == nullptr)
    {
        client->release();
        return kIOReturnError;
    }
    return kIOReturnSuccess;
}

IOUSBHostInterface* UsbVendorDriver::Interface() { return ivars->interface; }
IOUSBHostPipe* UsbVendorDriver::BulkIn() { return ivars->bulkIn; }
IOUSBHostPipe* UsbVendorDriver::BulkOut() { return ivars->bulkOut; }
IOUSBHostPipe* UsbVendorDriver::InterruptIn() { return ivars->interruptIn; }

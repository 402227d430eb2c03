/*
 * IOUSBHostDevice (USBDriverKit IOUSBHostDevice.iig; names and signatures only): the provider of a
 * personality whose IOProviderClass is IOUSBHostDevice, and the device of every IOUSBHostInterface.
 * The runtime makes it from the simulated device (docs/devices.md, "USB"). A dext calls these and
 * overrides none, so they are plain methods. Copy…Descriptor results are new heap copies the caller
 * frees with IOUSBHostFreeDescriptor.
 */
#ifndef DKSIM_USBDRIVERKIT_IOUSBHOSTDEVICE_H
#define DKSIM_USBDRIVERKIT_IOUSBHOSTDEVICE_H

#include <DriverKit/IOBufferMemoryDescriptor.h>
#include <DriverKit/IOService.h>
#include <DriverKit/IOTypes.h>
#include <USBDriverKit/AppleUSBDefinitions.h>
#include <USBDriverKit/IOUSBHostFamilyDefinitions.h>
#include <USBDriverKit/USBDriverKitDefs.h>

class IOUSBHostInterface;

namespace dksim {
struct UsbModel;
}

class IOUSBHostDevice : public IOService
{
    DKSIM_CLASS_DECLARE(IOUSBHostDevice, IOService)

public:
    void free() override;

    /* One client at a time (kIOReturnExclusiveAccess for a second; the same client again succeeds). */
    kern_return_t Open(IOService *forClient, IOOptionBits options, uintptr_t arg);
    kern_return_t Close(IOService *forClient, IOOptionBits options);

    kern_return_t CopyDescriptor(uint8_t type, uint16_t *length, uint8_t index, uint16_t languageID,
                                 uint8_t requestType, uint8_t requestRecipient, uint8_t *descriptor);
    const IOUSBDeviceDescriptor *CopyDeviceDescriptor();
    const IOUSBConfigurationDescriptor *CopyConfigurationDescriptor(uint8_t index);
    const IOUSBConfigurationDescriptor *CopyConfigurationDescriptorWithValue(uint8_t bConfigurationValue);
    /* The configuration set now (NULL when none is). */
    const IOUSBConfigurationDescriptor *CopyConfigurationDescriptor(IOService *forClient);
    const IOUSBBOSDescriptor *CopyCapabilityDescriptors();
    const IOUSBStringDescriptor *CopyStringDescriptor(uint8_t index);
    const IOUSBStringDescriptor *CopyStringDescriptor(uint8_t index, uint16_t languageID);

    kern_return_t CreateIOBuffer(IOOptionBits options, uint64_t capacity, IOBufferMemoryDescriptor **buffer);
    /* A control transfer on endpoint 0, synchronous; docs/devices.md says what answers it. */
    kern_return_t DeviceRequest(IOService *forClient, uint8_t bmRequestType, uint8_t bRequest, uint16_t wValue,
                                uint16_t wIndex, uint16_t wLength, IOMemoryDescriptor *dataBuffer,
                                uint16_t *bytesTransferred, uint32_t completionTimeoutMs);
    kern_return_t AbortDeviceRequests(IOService *forClient, IOOptionBits options, IOReturn withError);
    kern_return_t SetConfiguration(uint8_t bConfigurationValue, bool matchInterfaces);
    kern_return_t GetAddress(uint8_t *address) const;
    kern_return_t GetSpeed(uint8_t *speed) const;
    kern_return_t GetFrameNumber(uint64_t *frameNumber, uint64_t *theTime);
    kern_return_t GetPortStatus(uint32_t *portStatus);
    kern_return_t Reset();

    kern_return_t CreateInterfaceIterator(uintptr_t *ref);
    kern_return_t CopyInterface(uintptr_t ref, IOUSBHostInterface **interface);
    kern_return_t DestroyInterfaceIterator(uintptr_t ref);

    /* Simulator: the device of the model (the device owns it from here on). */
    static IOUSBHostDevice *dksimCreate(dksim::UsbModel *model);
    dksim::UsbModel &dksimModel() const { return *model_; }
    IOService *dksimOpener() const { return opener_; }

private:
    dksim::UsbModel *model_ = nullptr;
    IOService *opener_ = nullptr; /* retained while open */
    uint32_t iterators_ = 0;      /* CopyInterface positions handed out: bit per iterator slot */
    uintptr_t iteratorPosition_[8] = {};
};

#endif

/*
 * IOUSBHostInterface (USBDriverKit IOUSBHostInterface.iig; names and signatures only): the provider
 * of a personality whose IOProviderClass is IOUSBHostInterface — one interface of the device's
 * current configuration. A dext calls these and overrides none, so they are plain methods.
 */
#ifndef DKSIM_USBDRIVERKIT_IOUSBHOSTINTERFACE_H
#define DKSIM_USBDRIVERKIT_IOUSBHOSTINTERFACE_H

#include <DriverKit/IOBufferMemoryDescriptor.h>
#include <DriverKit/IOService.h>
#include <DriverKit/IOTypes.h>
#include <USBDriverKit/AppleUSBDefinitions.h>
#include <USBDriverKit/IOUSBHostDevice.h>
#include <USBDriverKit/IOUSBHostPipe.h>

class IOUSBHostInterface : public IOService
{
    DKSIM_CLASS_DECLARE(IOUSBHostInterface, IOService)

public:
    void free() override;

    /* One client at a time (kIOReturnExclusiveAccess for a second; the same client again succeeds). */
    kern_return_t Open(IOService *forClient, IOOptionBits options, uint8_t *arg);
    /* Aborts the interface's transfers (kIOReturnAborted), then closes. */
    kern_return_t Close(IOService *forClient, IOOptionBits options);
    kern_return_t GetFrameNumber(uint64_t *frameNumber, uint64_t *theTime);
    const IOUSBConfigurationDescriptor *CopyConfigurationDescriptor();
    /* This interface's descriptor inside configurationDescriptor (not a copy). */
    const IOUSBInterfaceDescriptor *GetInterfaceDescriptor(const IOUSBConfigurationDescriptor *configurationDescriptor);
    const IOUSBStringDescriptor *CopyStringDescriptor(uint8_t index);
    const IOUSBStringDescriptor *CopyStringDescriptor(uint8_t index, uint16_t languageID);
    /* A new pipe (+1) for an endpoint of the current alternate setting; the interface must be open. */
    kern_return_t CopyPipe(uint8_t address, IOUSBHostPipe **pipe);
    kern_return_t SelectAlternateSetting(uint8_t bAlternateSetting);
    kern_return_t GetPortStatus(uint32_t *portStatus);
    kern_return_t SetIdlePolicy(uint32_t deviceIdleTimeout);
    kern_return_t GetIdlePolicy(uint32_t *deviceIdleTimeout);
    kern_return_t CopyDevice(IOUSBHostDevice **device);
    kern_return_t CreateIOBuffer(IOOptionBits options, uint64_t capacity, IOBufferMemoryDescriptor **buffer);
    kern_return_t DeviceRequest(uint8_t bmRequestType, uint8_t bRequest, uint16_t wValue, uint16_t wIndex,
                                uint16_t wLength, IOMemoryDescriptor *dataBuffer, uint16_t *bytesTransferred,
                                uint32_t completionTimeoutMs);
    kern_return_t AbortDeviceRequests(IOOptionBits options, IOReturn withError);

    /* Simulator: interface bInterfaceNumber of device's current configuration (device retained). */
    static IOUSBHostInterface *dksimCreate(IOUSBHostDevice *device, uint8_t interfaceNumber);
    IOUSBHostDevice *dksimDevice() const { return device_; }
    IOService *dksimOpener() const { return opener_; }
    uint8_t dksimNumber() const { return number_; }
    uint8_t dksimAlternate() const { return alternate_; }

private:
    IOUSBHostDevice *device_ = nullptr;
    IOService *opener_ = nullptr; /* retained while open */
    uint8_t number_ = 0;
    uint8_t alternate_ = 0;
    uint32_t idleTimeout_ = 0;
};

#endif

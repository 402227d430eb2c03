/*
 * IOUSBHostPipe (USBDriverKit IOUSBHostPipe.iig; names and signatures only): one endpoint of an
 * open interface, from IOUSBHostInterface::CopyPipe. A dext calls these and overrides none, so they
 * are plain methods. What each transfer does in the simulation, and what the device data supplies,
 * is in docs/devices.md ("USB"); completions of AsyncIO reach a TYPE(IOUSBHostPipe::CompleteAsyncIO)
 * action on the queue of the action's target.
 */
#ifndef DKSIM_USBDRIVERKIT_IOUSBHOSTPIPE_H
#define DKSIM_USBDRIVERKIT_IOUSBHOSTPIPE_H

#include <DriverKit/IOMemoryDescriptor.h>
#include <DriverKit/IOReturn.h>
#include <DriverKit/IOTypes.h>
#include <DriverKit/OSAction.h> /* dexts name OSAction for AsyncIO without including its header */
#include <DriverKit/OSObject.h>
#include <USBDriverKit/AppleUSBDefinitions.h>
#include <USBDriverKit/USBDriverKitDefs.h>

class IOService;
class IOUSBHostInterface;

struct IOUSBStandardEndpointDescriptors {
    uint16_t bcdUSB;
    IOUSBEndpointDescriptor descriptor;
    IOUSBSuperSpeedEndpointCompanionDescriptor ssCompanionDescriptor;
    IOUSBSuperSpeedPlusIsochronousEndpointCompanionDescriptor sspCompanionDescriptor;
};

enum IOUSBGetEndpointDescriptorOptions {
    kIOUSBGetEndpointDescriptorOriginal = 0,
    kIOUSBGetEndpointDescriptorCurrentPolicy = 1
};

class IOUSBHostPipe : public OSObject
{
    DKSIM_CLASS_DECLARE(IOUSBHostPipe, OSObject)

public:
    void free() override;

    kern_return_t GetSpeed(uint8_t *speed) const;
    kern_return_t GetDeviceAddress(uint8_t *address) const;
    /* Completes every transfer pending on this endpoint with withError (kIOReturnAborted when 0). */
    kern_return_t Abort(IOOptionBits options = kIOUSBAbortSynchronous, kern_return_t withError = kIOReturnAborted,
                        IOService *forClient = nullptr);
    kern_return_t AdjustPipe(const IOUSBStandardEndpointDescriptors *descriptors);
    kern_return_t GetDescriptors(IOUSBStandardEndpointDescriptors *descriptors,
                                 IOUSBGetEndpointDescriptorOptions type = kIOUSBGetEndpointDescriptorOriginal);
    kern_return_t SetIdlePolicy(uint32_t idleTimeoutMs);
    kern_return_t GetIdlePolicy(uint32_t *idleTimeoutMs);
    kern_return_t ClearStall(bool withRequest);
    kern_return_t AsyncIO(IOMemoryDescriptor *dataBuffer, uint32_t dataBufferLength, OSAction *completion,
                          uint32_t completionTimeoutMs);
    kern_return_t IO(IOMemoryDescriptor *dataBuffer, uint32_t dataBufferLength, uint32_t *bytesTransferred,
                     uint32_t completionTimeoutMs);

    /* Simulator: a pipe of interface (retained) for the endpoint descriptor's bytes. */
    static IOUSBHostPipe *dksimCreate(IOUSBHostInterface *interface, const IOUSBEndpointDescriptor &endpoint);
    IOUSBHostInterface *dksimInterface() const { return interface_; }
    uint8_t dksimAddress() const { return endpoint_.bEndpointAddress; }
    bool dksimIsIn() const { return (endpoint_.bEndpointAddress & kIOUSBEndpointDescriptorDirection) != 0; }

private:
    IOUSBHostInterface *interface_ = nullptr;
    IOUSBEndpointDescriptor endpoint_ = {};
    uint32_t idleTimeoutMs_ = 0;
};

#endif

/*
 * IOUSBHostInterface: one interface of the device's current configuration. Open is exclusive
 * (IOUSBHostInterface.iig: one client at a time); pipes exist only for an open interface; Close
 * aborts the interface's transfers first.
 */
#include <USBDriverKit/AppleUSBDescriptorParsing.h>
#include <USBDriverKit/IOUSBHostInterface.h>

#include "core/ObjectTracker.h"
#include "core/Runtime.h"
#include "usb/UsbControl.h"
#include "usb/ExclusiveOpen.h"
#include "usb/UsbFamily.h"
#include "usb/UsbModel.h"

DKSIM_CLASS_DEFINE_ABSTRACT(IOUSBHostInterface, IOService)

IOUSBHostInterface *IOUSBHostInterface::dksimCreate(IOUSBHostDevice *device, uint8_t interfaceNumber)
{
    IOUSBHostInterface *interface = dksim::NewTracked<IOUSBHostInterface>();
    interface->init();
    device->retain();
    interface->device_ = device;
    interface->number_ = interfaceNumber;
    return interface;
}

void IOUSBHostInterface::free()
{
    OSSafeReleaseNULL(opener_);
    OSSafeReleaseNULL(device_);
    super::free();
}

kern_return_t IOUSBHostInterface::Open(IOService *forClient, IOOptionBits, uint8_t *)
{
    return dksim::OpenExclusively(opener_, forClient);
}

kern_return_t IOUSBHostInterface::Close(IOService *forClient, IOOptionBits)
{
    /* Closing the interface aborts its pipes' transfers first (IOUSBHostInterface.iig, Close). */
    return dksim::CloseExclusively(
        opener_, forClient, [this] { dksim::Usb().abort(this, dksim::UsbFamily::kAnyEndpoint, kIOReturnAborted); });
}

kern_return_t IOUSBHostInterface::GetFrameNumber(uint64_t *frameNumber, uint64_t *theTime)
{
    return device_->GetFrameNumber(frameNumber, theTime);
}

const IOUSBConfigurationDescriptor *IOUSBHostInterface::CopyConfigurationDescriptor()
{
    return device_->CopyConfigurationDescriptor(this);
}

const IOUSBInterfaceDescriptor *
IOUSBHostInterface::GetInterfaceDescriptor(const IOUSBConfigurationDescriptor *configurationDescriptor)
{
    const IOUSBInterfaceDescriptor *found = nullptr;
    while ((found = IOUSBGetNextInterfaceDescriptor(configurationDescriptor,
                                                    reinterpret_cast<const IOUSBDescriptorHeader *>(found))))
        if (found->bInterfaceNumber == number_ && found->bAlternateSetting == alternate_) return found;
    return nullptr;
}

const IOUSBStringDescriptor *IOUSBHostInterface::CopyStringDescriptor(uint8_t index)
{
    return device_->CopyStringDescriptor(index);
}

const IOUSBStringDescriptor *IOUSBHostInterface::CopyStringDescriptor(uint8_t index, uint16_t languageID)
{
    return device_->CopyStringDescriptor(index, languageID);
}

kern_return_t IOUSBHostInterface::CopyPipe(uint8_t address, IOUSBHostPipe **pipe)
{
    if (pipe == nullptr) return kIOReturnBadArgument;
    *pipe = nullptr;
    if (dksim::Runtime::get().device.unplugged) return kIOReturnNoDevice;
    if (opener_ == nullptr) return kIOReturnNotOpen;
    const dksim::UsbModel &model = device_->dksimModel();
    const std::vector<uint8_t> *bytes = model.configurationWithValue(model.currentConfiguration);
    if (bytes == nullptr) return kIOReturnNotFound;
    auto *configuration = reinterpret_cast<const IOUSBConfigurationDescriptor *>(bytes->data());
    const IOUSBInterfaceDescriptor *interface = GetInterfaceDescriptor(configuration);
    const IOUSBEndpointDescriptor *endpoint = nullptr;
    while (interface && (endpoint = IOUSBGetNextEndpointDescriptor(
                             configuration, interface, reinterpret_cast<const IOUSBDescriptorHeader *>(endpoint))))
        if (endpoint->bEndpointAddress == address) {
            *pipe = IOUSBHostPipe::dksimCreate(this, *endpoint);
            return kIOReturnSuccess;
        }
    return kIOReturnNotFound;
}

kern_return_t IOUSBHostInterface::SelectAlternateSetting(uint8_t bAlternateSetting)
{
    kern_return_t allowed = dksim::CheckTransferAllowed(opener_, "IOUSBHostInterface::SelectAlternateSetting");
    if (allowed != kIOReturnSuccess) return allowed;
    const dksim::UsbModel &model = device_->dksimModel();
    const std::vector<uint8_t> *bytes = model.configurationWithValue(model.currentConfiguration);
    if (bytes == nullptr || dksim::FindInterface(*bytes, number_, bAlternateSetting) == nullptr)
        return kIOReturnBadArgument;
    dksim::Usb().abort(this, dksim::UsbFamily::kAnyEndpoint, kIOReturnAborted);
    alternate_ = bAlternateSetting;
    return kIOReturnSuccess;
}

kern_return_t IOUSBHostInterface::GetPortStatus(uint32_t *portStatus) { return device_->GetPortStatus(portStatus); }

kern_return_t IOUSBHostInterface::SetIdlePolicy(uint32_t deviceIdleTimeout)
{
    idleTimeout_ = deviceIdleTimeout;
    return kIOReturnSuccess;
}

kern_return_t IOUSBHostInterface::GetIdlePolicy(uint32_t *deviceIdleTimeout)
{
    if (deviceIdleTimeout == nullptr) return kIOReturnBadArgument;
    *deviceIdleTimeout = idleTimeout_;
    return kIOReturnSuccess;
}

kern_return_t IOUSBHostInterface::CopyDevice(IOUSBHostDevice **device)
{
    if (device == nullptr) return kIOReturnBadArgument;
    device_->retain();
    *device = device_;
    return kIOReturnSuccess;
}

kern_return_t IOUSBHostInterface::CreateIOBuffer(IOOptionBits options, uint64_t capacity,
                                                 IOBufferMemoryDescriptor **buffer)
{
    return device_->CreateIOBuffer(options, capacity, buffer);
}

kern_return_t IOUSBHostInterface::DeviceRequest(uint8_t bmRequestType, uint8_t bRequest, uint16_t wValue,
                                                uint16_t wIndex, uint16_t wLength, IOMemoryDescriptor *dataBuffer,
                                                uint16_t *bytesTransferred, uint32_t completionTimeoutMs)
{
    if (bytesTransferred) *bytesTransferred = 0;
    kern_return_t allowed = dksim::CheckTransferAllowed(opener_, "IOUSBHostInterface::DeviceRequest");
    if (allowed != kIOReturnSuccess) return allowed;
    if (opener_ == nullptr) return kIOReturnNotOpen;
    IOUSBDeviceRequest request = {bmRequestType, bRequest, wValue, wIndex, wLength};
    (void)completionTimeoutMs;
    return dksim::ControlTransfer(device_->dksimModel(), request, dataBuffer, bytesTransferred);
}

kern_return_t IOUSBHostInterface::AbortDeviceRequests(IOOptionBits, IOReturn) { return kIOReturnSuccess; }

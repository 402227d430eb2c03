/*
 * IOUSBHostDevice over the simulated device's model (usb/UsbModel.h). Descriptors are served from
 * the model, as the host controller's cache serves them (inferred: IOUSBHostDevice.iig says
 * CopyDescriptor returns a cached copy when it has one); control transfers go to usb/UsbControl.cpp.
 */
#include <USBDriverKit/IOUSBHostDevice.h>
#include <USBDriverKit/IOUSBHostInterface.h>

#include "core/ObjectTracker.h"
#include "core/Runtime.h"
#include "usb/UsbControl.h"
#include "usb/ExclusiveOpen.h"
#include "usb/UsbFamily.h"
#include "usb/UsbModel.h"

DKSIM_CLASS_DEFINE_ABSTRACT(IOUSBHostDevice, IOService)

IOUSBHostDevice *IOUSBHostDevice::dksimCreate(dksim::UsbModel *model)
{
    IOUSBHostDevice *device = dksim::NewTracked<IOUSBHostDevice>();
    device->init();
    device->model_ = model;
    return device;
}

void IOUSBHostDevice::free()
{
    OSSafeReleaseNULL(opener_);
    delete model_;
    model_ = nullptr;
    super::free();
}

kern_return_t IOUSBHostDevice::Open(IOService *forClient, IOOptionBits, uintptr_t)
{
    return dksim::OpenExclusively(opener_, forClient);
}

kern_return_t IOUSBHostDevice::Close(IOService *forClient, IOOptionBits)
{
    return dksim::CloseExclusively(opener_, forClient, [] {});
}

kern_return_t IOUSBHostDevice::CopyDescriptor(uint8_t type, uint16_t *length, uint8_t index, uint16_t,
                                              uint8_t requestType, uint8_t requestRecipient, uint8_t *descriptor)
{
    if (length == nullptr || descriptor == nullptr) return kIOReturnBadArgument;
    /* Only the standard device descriptors are cached; anything else would be a request. */
    if (requestType != kIOUSBDeviceRequestTypeValueStandard ||
        requestRecipient != kIOUSBDeviceRequestRecipientValueDevice)
        return kIOReturnUnsupported;
    std::vector<uint8_t> bytes = dksim::StandardDescriptor(*model_, type, index);
    if (bytes.empty()) return kIOReturnNotFound;
    uint16_t count = bytes.size() < *length ? (uint16_t)bytes.size() : *length;
    memcpy(descriptor, bytes.data(), count);
    *length = count;
    return kIOReturnSuccess;
}

const IOUSBDeviceDescriptor *IOUSBHostDevice::CopyDeviceDescriptor()
{
    return static_cast<const IOUSBDeviceDescriptor *>(dksim::CopyDescriptorBytes(model_->device));
}

const IOUSBConfigurationDescriptor *IOUSBHostDevice::CopyConfigurationDescriptor(uint8_t index)
{
    std::vector<uint8_t> bytes = dksim::StandardDescriptor(*model_, kIOUSBDescriptorTypeConfiguration, index);
    return static_cast<const IOUSBConfigurationDescriptor *>(dksim::CopyDescriptorBytes(bytes));
}

const IOUSBConfigurationDescriptor *IOUSBHostDevice::CopyConfigurationDescriptorWithValue(uint8_t bConfigurationValue)
{
    const std::vector<uint8_t> *bytes = model_->configurationWithValue(bConfigurationValue);
    return bytes ? static_cast<const IOUSBConfigurationDescriptor *>(dksim::CopyDescriptorBytes(*bytes)) : nullptr;
}

const IOUSBConfigurationDescriptor *IOUSBHostDevice::CopyConfigurationDescriptor(IOService *)
{
    return CopyConfigurationDescriptorWithValue(model_->currentConfiguration);
}

const IOUSBBOSDescriptor *IOUSBHostDevice::CopyCapabilityDescriptors() { return nullptr; }

const IOUSBStringDescriptor *IOUSBHostDevice::CopyStringDescriptor(uint8_t index)
{
    return CopyStringDescriptor(index, kIOUSBLanguageIDEnglishUS);
}

const IOUSBStringDescriptor *IOUSBHostDevice::CopyStringDescriptor(uint8_t index, uint16_t)
{
    return static_cast<const IOUSBStringDescriptor *>(dksim::CopyDescriptorBytes(model_->stringDescriptor(index)));
}

kern_return_t IOUSBHostDevice::CreateIOBuffer(IOOptionBits options, uint64_t capacity,
                                              IOBufferMemoryDescriptor **buffer)
{
    if (buffer == nullptr) return kIOReturnBadArgument;
    return IOBufferMemoryDescriptor::Create(options, capacity, 0, buffer);
}

kern_return_t IOUSBHostDevice::DeviceRequest(IOService *forClient, uint8_t bmRequestType, uint8_t bRequest,
                                             uint16_t wValue, uint16_t wIndex, uint16_t wLength,
                                             IOMemoryDescriptor *dataBuffer, uint16_t *bytesTransferred, uint32_t)
{
    if (bytesTransferred) *bytesTransferred = 0;
    kern_return_t allowed = dksim::CheckTransferAllowed(forClient, "IOUSBHostDevice::DeviceRequest");
    if (allowed != kIOReturnSuccess) return allowed;
    IOUSBDeviceRequest request = {bmRequestType, bRequest, wValue, wIndex, wLength};
    return dksim::ControlTransfer(*model_, request, dataBuffer, bytesTransferred);
}

/* Control transfers complete before DeviceRequest returns: none is ever left to abort. */
kern_return_t IOUSBHostDevice::AbortDeviceRequests(IOService *, IOOptionBits, IOReturn) { return kIOReturnSuccess; }

kern_return_t IOUSBHostDevice::SetConfiguration(uint8_t bConfigurationValue, bool)
{
    kern_return_t allowed = dksim::CheckTransferAllowed(opener_, "IOUSBHostDevice::SetConfiguration");
    if (allowed != kIOReturnSuccess) return allowed;
    IOUSBDeviceRequest request = {0, kIOUSBDeviceRequestSetConfiguration, bConfigurationValue, 0, 0};
    kern_return_t ret = dksim::ControlTransfer(*model_, request, nullptr, nullptr);
    /* (inferred) A configuration the device does not have is refused rather than stalled. */
    return ret == kUSBHostReturnPipeStalled ? kIOReturnBadArgument : ret;
}

kern_return_t IOUSBHostDevice::GetAddress(uint8_t *address) const
{
    if (address == nullptr) return kIOReturnBadArgument;
    *address = model_->address;
    return kIOReturnSuccess;
}

kern_return_t IOUSBHostDevice::GetSpeed(uint8_t *speed) const
{
    if (speed == nullptr) return kIOReturnBadArgument;
    *speed = model_->speed;
    return kIOReturnSuccess;
}

/* One frame per millisecond of the simulator's clock. */
kern_return_t IOUSBHostDevice::GetFrameNumber(uint64_t *frameNumber, uint64_t *theTime)
{
    if (frameNumber == nullptr) return kIOReturnBadArgument;
    uint64_t now = dksim::Runtime::get().now();
    *frameNumber = now / 1000000;
    if (theTime) *theTime = now;
    return kIOReturnSuccess;
}

kern_return_t IOUSBHostDevice::GetPortStatus(uint32_t *portStatus)
{
    if (portStatus == nullptr) return kIOReturnBadArgument;
    if (dksim::Runtime::get().device.unplugged) {
        *portStatus = 0;
        return kIOReturnSuccess;
    }
    *portStatus = kIOUSBHostPortStatusEnabled | ((uint32_t)model_->speed << 8);
    return kIOReturnSuccess;
}

/* (inferred) Re-enumeration would terminate this device and every service on it: not simulated. */
kern_return_t IOUSBHostDevice::Reset() { return kIOReturnUnsupported; }

kern_return_t IOUSBHostDevice::CreateInterfaceIterator(uintptr_t *ref)
{
    if (ref == nullptr) return kIOReturnBadArgument;
    for (uintptr_t slot = 0; slot < 8; slot++)
        if ((iterators_ & (1u << slot)) == 0) {
            iterators_ |= 1u << slot;
            iteratorPosition_[slot] = 0;
            *ref = slot + 1;
            return kIOReturnSuccess;
        }
    return kIOReturnNoResources;
}

kern_return_t IOUSBHostDevice::CopyInterface(uintptr_t ref, IOUSBHostInterface **interface)
{
    if (interface == nullptr) return kIOReturnBadArgument;
    *interface = nullptr;
    if (ref < 1 || ref > 8 || (iterators_ & (1u << (ref - 1))) == 0) return kIOReturnBadArgument;
    const std::vector<IOUSBHostInterface *> &all = dksim::Usb().interfaces();
    uintptr_t &position = iteratorPosition_[ref - 1];
    if (position >= all.size()) return kIOReturnSuccess; /* the end: success with NULL */
    *interface = all[position++];
    (*interface)->retain();
    return kIOReturnSuccess;
}

kern_return_t IOUSBHostDevice::DestroyInterfaceIterator(uintptr_t ref)
{
    if (ref < 1 || ref > 8 || (iterators_ & (1u << (ref - 1))) == 0) return kIOReturnBadArgument;
    iterators_ &= ~(1u << (ref - 1));
    return kIOReturnSuccess;
}

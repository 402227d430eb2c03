#include "usb/UsbControl.h"

#include <DriverKit/IOMemoryDescriptor.h>
#include <USBDriverKit/IOUSBHostFamilyDefinitions.h>
#include <stdlib.h>
#include <string.h>

#include "usb/UsbFamily.h"
#include "usb/UsbModel.h"

namespace dksim {

std::vector<uint8_t> StandardDescriptor(const UsbModel &model, uint8_t type, uint8_t index)
{
    switch (type) {
    case kIOUSBDescriptorTypeDevice: return model.device;
    case kIOUSBDescriptorTypeConfiguration:
        return index < model.configurations.size() ? model.configurations[index] : std::vector<uint8_t>();
    case kIOUSBDescriptorTypeString: return model.stringDescriptor(index);
    default: return {}; /* no BOS, qualifier or other-speed descriptor: the device stalls */
    }
}

const void *CopyDescriptorBytes(const std::vector<uint8_t> &bytes)
{
    if (bytes.empty()) return nullptr;
    void *copy = malloc(bytes.size());
    if (copy) memcpy(copy, bytes.data(), bytes.size());
    return copy;
}

bool BufferHolds(IOMemoryDescriptor *buffer, uint64_t length)
{
    if (length == 0) return true;
    return buffer != nullptr && buffer->dksimLength() >= length;
}

static kern_return_t Answer(const std::vector<uint8_t> &bytes, IOMemoryDescriptor *buffer, uint16_t wLength,
                            uint16_t *bytesTransferred)
{
    size_t count = bytes.size() < wLength ? bytes.size() : wLength;
    if (count > 0) buffer->dksimCopyIn(0, bytes.data(), count);
    if (bytesTransferred) *bytesTransferred = (uint16_t)count;
    return kIOReturnSuccess;
}

kern_return_t ControlTransfer(UsbModel &model, const IOUSBDeviceRequest &request, IOMemoryDescriptor *buffer,
                              uint16_t *bytesTransferred)
{
    if (bytesTransferred) *bytesTransferred = 0;
    if (!BufferHolds(buffer, request.wLength)) return kIOReturnBadArgument;
    bool in = (request.bmRequestType & kIOUSBDeviceRequestDirectionMask) == kIOUSBDeviceRequestDirectionIn;
    uint8_t type = request.bmRequestType & kIOUSBDeviceRequestTypeMask;
    if (type != kIOUSBDeviceRequestTypeStandard) {
        if (!in) {
            if (bytesTransferred) *bytesTransferred = request.wLength;
            return kIOReturnSuccess;
        }
        uint32_t count = 0;
        /* (inferred) A synchronous request cannot wait in a single-threaded runtime: no device data
         * is a device that never answered within the timeout. */
        if (!TakeInTransfer(buffer, request.wLength, count)) return kIOReturnTimeout;
        if (bytesTransferred) *bytesTransferred = (uint16_t)count;
        return kIOReturnSuccess;
    }
    switch (request.bRequest) {
    case kIOUSBDeviceRequestGetDescriptor: {
        std::vector<uint8_t> bytes = StandardDescriptor(model, (uint8_t)(request.wValue >> 8), (uint8_t)request.wValue);
        if (!in || bytes.empty()) return kUSBHostReturnPipeStalled;
        return Answer(bytes, buffer, request.wLength, bytesTransferred);
    }
    case kIOUSBDeviceRequestGetStatus: return Answer({0, 0}, buffer, request.wLength, bytesTransferred);
    case kIOUSBDeviceRequestGetConfiguration:
        return Answer({model.currentConfiguration}, buffer, request.wLength, bytesTransferred);
    case kIOUSBDeviceRequestGetInterface: return Answer({0}, buffer, request.wLength, bytesTransferred);
    case kIOUSBDeviceRequestSetConfiguration:
        if (request.wValue != 0 && model.configurationWithValue((uint8_t)request.wValue) == nullptr)
            return kUSBHostReturnPipeStalled;
        if (model.currentConfiguration != (uint8_t)request.wValue) {
            model.currentConfiguration = (uint8_t)request.wValue;
            Usb().configurationChanged();
        }
        return kIOReturnSuccess;
    case kIOUSBDeviceRequestClearFeature:
    case kIOUSBDeviceRequestSetFeature:
    case kIOUSBDeviceRequestSetInterface: return kIOReturnSuccess;
    default: return kUSBHostReturnPipeStalled;
    }
}

} // namespace dksim

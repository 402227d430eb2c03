/*
 * Endpoint 0 of the simulated device: what answers a control transfer (docs/devices.md, "USB") and
 * the heap copies Copy…Descriptor hands out. Shared by IOUSBHostDevice and IOUSBHostInterface.
 */
#ifndef DKSIM_USB_USBCONTROL_H
#define DKSIM_USB_USBCONTROL_H

#include <stdint.h>
#include <vector>

#include <DriverKit/IOReturn.h>
#include <USBDriverKit/AppleUSBDefinitions.h>

class IOMemoryDescriptor;

namespace dksim {

struct UsbModel;

/* Standard requests from the model; class and vendor OUT take all wLength bytes; class and vendor IN
 * take their data stage from the device data, kIOReturnTimeout while it holds no transfer.
 * The request's checks (buffer present and long enough) come first: kIOReturnBadArgument. */
kern_return_t ControlTransfer(UsbModel &model, const IOUSBDeviceRequest &request, IOMemoryDescriptor *buffer,
                              uint16_t *bytesTransferred);

/* The descriptor a standard GET_DESCRIPTOR for (type, index) returns; empty when the device has none. */
std::vector<uint8_t> StandardDescriptor(const UsbModel &model, uint8_t type, uint8_t index);

/* A malloc'd copy (freed by IOUSBHostFreeDescriptor); null for no bytes. */
const void *CopyDescriptorBytes(const std::vector<uint8_t> &bytes);

/* A transfer's buffer: present when length > 0 and at least length long. */
bool BufferHolds(IOMemoryDescriptor *buffer, uint64_t length);

} // namespace dksim

#endif

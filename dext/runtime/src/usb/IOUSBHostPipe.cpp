/*
 * IOUSBHostPipe: transfers on one endpoint. An OUT transfer moves all its bytes; an IN transfer's
 * byte count and data come from the device data (usb/UsbFamily.cpp, TakeInTransfer). A synchronous
 * IN transfer finding no data returns kIOReturnTimeout at once (inferred: the runtime is single-
 * threaded, so nothing could bring data while it blocked); an AsyncIO waits as a NAKing device does.
 */
#include <USBDriverKit/IOUSBHostInterface.h>
#include <USBDriverKit/IOUSBHostPipe.h>
#include <DriverKit/OSAction.h>

#include "core/ObjectTracker.h"
#include "core/Runtime.h"
#include "usb/UsbControl.h"
#include "usb/UsbFamily.h"
#include "usb/UsbModel.h"

DKSIM_CLASS_DEFINE_ABSTRACT(IOUSBHostPipe, OSObject)

IOUSBHostPipe *IOUSBHostPipe::dksimCreate(IOUSBHostInterface *interface, const IOUSBEndpointDescriptor &endpoint)
{
    IOUSBHostPipe *pipe = dksim::NewTracked<IOUSBHostPipe>();
    pipe->init();
    interface->retain();
    pipe->interface_ = interface;
    pipe->endpoint_ = endpoint;
    return pipe;
}

void IOUSBHostPipe::free()
{
    OSSafeReleaseNULL(interface_);
    super::free();
}

kern_return_t IOUSBHostPipe::GetSpeed(uint8_t *speed) const { return interface_->dksimDevice()->GetSpeed(speed); }

kern_return_t IOUSBHostPipe::GetDeviceAddress(uint8_t *address) const
{
    return interface_->dksimDevice()->GetAddress(address);
}

kern_return_t IOUSBHostPipe::Abort(IOOptionBits, kern_return_t withError, IOService *)
{
    /* (inferred) The completions run on their queues after the caller's work: the simulator's queues
     * are serial and the caller usually runs on the one they are delivered to. */
    dksim::Usb().abort(interface_, endpoint_.bEndpointAddress, withError ? withError : kIOReturnAborted);
    return kIOReturnSuccess;
}

kern_return_t IOUSBHostPipe::AdjustPipe(const IOUSBStandardEndpointDescriptors *) { return kIOReturnUnsupported; }

kern_return_t IOUSBHostPipe::GetDescriptors(IOUSBStandardEndpointDescriptors *descriptors,
                                            IOUSBGetEndpointDescriptorOptions)
{
    if (descriptors == nullptr) return kIOReturnBadArgument;
    *descriptors = {};
    const std::vector<uint8_t> &device = interface_->dksimDevice()->dksimModel().device;
    descriptors->bcdUSB = (uint16_t)(device[2] | device[3] << 8);
    descriptors->descriptor = endpoint_;
    return kIOReturnSuccess;
}

kern_return_t IOUSBHostPipe::SetIdlePolicy(uint32_t idleTimeoutMs)
{
    idleTimeoutMs_ = idleTimeoutMs;
    return kIOReturnSuccess;
}

kern_return_t IOUSBHostPipe::GetIdlePolicy(uint32_t *idleTimeoutMs)
{
    if (idleTimeoutMs == nullptr) return kIOReturnBadArgument;
    *idleTimeoutMs = idleTimeoutMs_;
    return kIOReturnSuccess;
}

/* The simulated device never stalls a pipe; clearing is always possible. */
kern_return_t IOUSBHostPipe::ClearStall(bool) { return kIOReturnSuccess; }

/* The checks both transfers share, in order: IO after unplug or Stop (a violation), a closed
 * interface, then the buffer. */
static kern_return_t CheckStart(IOUSBHostInterface *interface, IOMemoryDescriptor *buffer, uint32_t length,
                                const char *what)
{
    kern_return_t allowed = dksim::CheckTransferAllowed(interface->dksimOpener(), what);
    if (allowed != kIOReturnSuccess) return allowed;
    if (interface->dksimOpener() == nullptr) return kIOReturnNotOpen;
    if (!dksim::BufferHolds(buffer, length) || (length > 0 && buffer == nullptr)) return kIOReturnBadArgument;
    return kIOReturnSuccess;
}

kern_return_t IOUSBHostPipe::AsyncIO(IOMemoryDescriptor *dataBuffer, uint32_t dataBufferLength, OSAction *completion,
                                     uint32_t)
{
    kern_return_t ret = CheckStart(interface_, dataBuffer, dataBufferLength, "IOUSBHostPipe::AsyncIO");
    if (ret != kIOReturnSuccess) return ret;
    if (completion == nullptr || dataBuffer == nullptr) return kIOReturnBadArgument;
    dksim::Usb().start({this, dataBuffer, dataBufferLength, completion});
    return kIOReturnSuccess;
}

kern_return_t IOUSBHostPipe::IO(IOMemoryDescriptor *dataBuffer, uint32_t dataBufferLength, uint32_t *bytesTransferred,
                                uint32_t)
{
    if (bytesTransferred) *bytesTransferred = 0;
    kern_return_t ret = CheckStart(interface_, dataBuffer, dataBufferLength, "IOUSBHostPipe::IO");
    if (ret != kIOReturnSuccess) return ret;
    if (!dksimIsIn()) {
        if (bytesTransferred) *bytesTransferred = dataBufferLength;
        return kIOReturnSuccess;
    }
    uint32_t count = 0;
    /* Transfers started earlier take the device data first. */
    if (dksim::Usb().hasPending(interface_, endpoint_.bEndpointAddress) ||
        !dksim::TakeInTransfer(dataBuffer, dataBufferLength, count))
        return kIOReturnTimeout;
    if (bytesTransferred) *bytesTransferred = count;
    return kIOReturnSuccess;
}

/*
 * What the app can ask of UsbVendorDriver (a dispatch table checks every selector but BulkWrite):
 *  0 VendorRead         scalarInput[0] = wValue; a vendor control read (bRequest 1) of up to 64 bytes
 *                       whose answer is [record count, records...]; the records are kept in a 16-byte
 *                       status block. scalarOutput = [bytes transferred, record count]
 *  1 BulkWrite          the structure input goes out on the bulk OUT pipe; scalarOutput[0] = bytes sent
 *                       (unchecked: declared with a variable structure input and no scalars)
 *  2 AsyncBulkRead      async: reads up to 64 bytes from bulk IN; completes with
 *                       [bytes, the first 8 bytes little-endian] or the failure status
 *  3 AbortReads         aborts the reads in flight; they complete with kIOReturnAborted
 *  4 AsyncInterruptRead async: reads up to 16 bytes from the interrupt IN pipe; completes like 2
 *  5 DeviceInfo         scalarOutput = [idVendor, idProduct, bulk IN max packet size, bcdUSB]
 *
 * Three planted bugs (each marked PLANTED BUG below): BulkWrite copies the structure input into the
 * 64-byte OUT buffer without a size check (the app alone reaches it); VendorRead trusts the record
 * count the device sends (only device data reaches it); the interrupt read's completion gives its
 * buffer back on a device failure and Stop releases it again (only an unplug during a read reaches it).
 * A fourth, milder one: the bulk read's completion retries after a device failure, which after an
 * unplug is IO on a device that is gone (the runtime's device.io-after-stop rule sees it).
 */
#include <os/log.h>
#include <DriverKit/IOLib.h>
#include <DriverKit/IOUserClient.h>
#include <DriverKit/IOBufferMemoryDescriptor.h>
#include <DriverKit/OSData.h>
#include <USBDriverKit/USBDriverKit.h>

#include "UsbVendorDriver.h"
#include "UsbVendorUserClient.h"

#define Log(fmt, ...) os_log(OS_LOG_DEFAULT, "UsbVendorUserClient - " fmt "\n", ##__VA_ARGS__)

namespace {

constexpr uint32_t kTransferBytes = 64;
constexpr uint32_t kInterruptBytes = 16;
constexpr uint32_t kStatusBytes = 16;
constexpr uint8_t kVendorRequestStatus = 1;

}

struct UsbVendorUserClient_IVars
{
    UsbVendorDriver* driver;
    IOBufferMemoryDescriptor* controlBuffer;
    IOBufferMemoryDescriptor* outBuffer;
    IOBufferMemoryDescriptor* inBuffer;
    IOBufferMemoryDescriptor* interruptBuffer;
    OSAction* bulkAction;
    OSAction* interruptAction;
    OSAction* bulkCompletion;        /* the app's, while a bulk read is in flight */
    OSAction* interruptCompletion;   /* the app's, while an interrupt read is in flight */
    uint8_t* status;                 /* kStatusBytes */
    bool abortRequested;
    bool bulkRetried;
};

static const IOUserClientMethodDispatch sMethods[] = {
    [0] = { .function = (IOUserClientMethodFunction)&UsbVendorUserClient::VendorRead, .checkCompletionExists = false,
            .checkScalarInputCount = 1, .checkStructureInputSize = 0, .checkScalarOutputCount = 2, .checkStructureOutputSize = 0 },
    [1] = { .function = (IOUserClientMethodFunction)&UsbVendorUserClient::BulkWrite, .checkCompletionExists = false,
            .checkScalarInputCount = 0, .checkStructureInputSize = kIOUserClientVariableStructureSize, .checkScalarOutputCount = 1, .checkStructureOutputSize = 0 },
    [2] = { .function = (IOUserClientMethodFunction)&UsbVendorUserClient::AsyncBulkRead, .checkCompletionExists = true,
            .checkScalarInputCount = 0, .checkStructureInputSize = 0, .checkScalarOutputCount = 0, .checkStructureOutputSize = 0 },
    [3] = { .function = (IOUserClientMethodFunction)&UsbVendorUserClient::AbortReads, .checkCompletionExists = false,
            .checkScalarInputCount = 0, .checkStructureInputSize = 0, .checkScalarOutputCount = 0, .checkStructureOutputSize = 0 },
    [4] = { .function = (IOUserClientMethodFunction)&UsbVendorUserClient::AsyncInterruptRead, .checkCompletionExists = true,
            .checkScalarInputCount = 0, .checkStructureInputSize = 0, .checkScalarOutputCount = 0, .checkStructureOutputSize = 0 },
    [5] = { .function = (IOUserClientMethodFunction)&UsbVendorUserClient::DeviceInfo, .checkCompletionExists = false,
            .checkScalarInputCount = 0, .checkStructureInputSize = 0, .checkScalarOutputCount = 4, .checkStructureOutputSize = 0 },
};

bool UsbVendorUserClient::init()
{
    if (!super::init()) return false;
    ivars = IONewZero(UsbVendorUserClient_IVars, 1);
    if (ivars == nullptr) return false;
    ivars->status = IONewZero(uint8_t, kStatusBytes);
    return ivars->status != nullptr;
}

void UsbVendorUserClient::free()
{
    if (ivars != nullptr)
    {
        OSSafeReleaseNULL(ivars->driver);
        IOSafeDeleteNULL(ivars->status, uint8_t, kStatusBytes);
    }
    IOSafeDeleteNULL(ivars, UsbVendorUserClient_IVars, 1);
    super::free();
}

kern_return_t IMPL(UsbVendorUserClient, Start)
{
    kern_return_t ret = Start(provider, SUPERDISPATCH);
    if (ret != kIOReturnSuccess) return ret;
    ivars->driver = OSDynamicCast(UsbVendorDriver, provider);
    if (ivars->driver == nullptr) return kIOReturnNoDevice;
    ivars->driver->retain();

    IOUSBHostInterface* interface = ivars->driver->Interface();
    ret = interface->CreateIOBuffer(kIOMemoryDirectionIn, kTransferBytes, &ivars->controlBuffer);
    if (ret != kIOReturnSuccess) return ret;
    ret = interface->CreateIOBuffer(kIOMemoryDirectionOut, kTransferBytes, &ivars->outBuffer);
    if (ret != kIOReturnSuccess) return ret;
    ret = interface->CreateIOBuffer(kIOMemoryDirectionIn, kTransferBytes, &ivars->inBuffer);
    if (ret != kIOReturnSuccess) return ret;
    ret = interface->CreateIOBuffer(kIOMemoryDirectionIn, kInterruptBytes, &ivars->interruptBuffer);
    if (ret != kIOReturnSuccess) return ret;
    ret = CreateActionBulkReadComplete(0, &ivars->bulkAction);
    if (ret != kIOReturnSuccess) return ret;
    return CreateActionInterruptReadComplete(0, &ivars->interruptAction);
}

kern_return_t IMPL(UsbVendorUserClient, Stop)
{
    ivars->abortRequested = true;
    if (ivars->driver != nullptr)
    {
        if (ivars->driver->BulkIn() != nullptr) ivars->driver->BulkIn()->Abort(kIOUSBAbortSynchronous, kIOReturnAborted, this);
        if (ivars->driver->InterruptIn() != nullptr) ivars->driver->InterruptIn()->Abort(kIOUSBAbortSynchronous, kIOReturnAborted, this);
    }
    /* The actions hold this client (their target) until canceled. */
    if (ivars->bulkAction != nullptr) ivars->bulkAction->Cancel(^{});
    if (ivars->interruptAction != nullptr) ivars->interruptAction->Cancel(^{});
    OSSafeReleaseNULL(ivars->bulkAction);
    OSSafeReleaseNULL(ivars->interruptAction);
    OSSafeReleaseNULL(ivars->bulkCompletion);
    OSSafeReleaseNULL(ivars->interruptCompletion);
    OSSafeReleaseNULL(ivars->controlBuffer);
    OSSafeReleaseNULL(ivars->outBuffer);
    OSSafeReleaseNULL(ivars->inBuffer);
    OSSafeReleaseNULL(ivars->interruptBuffer);
    return Stop(provider, SUPERDISPATCH);
}

kern_return_t UsbVendorUserClient::ExternalMethod(uint64_t selector, IOUserClientMethodArguments* arguments,
                                                  const IOUserClientMethodDispatch* dispatch, OSObject* target, void* reference)
{
    if (selector >= sizeof(sMethods) / sizeof(sMethods[0])) return kIOReturnUnsupported;
    return super::ExternalMethod(selector, arguments, &sMethods[selector], this, reference);
}

static uint8_t* BytesOf(IOBufferMemoryDescriptor* buffer)
{
    IOAddressSegment range = {};
    if (buffer == nullptr || buffer->GetAddressRange(&range) != kIOReturnSuccess) return nullptr;
    return (uint8_t*)(uintptr_t)range.address;
}

kern_return_t UsbVendorUserClient::VendorRead(OSObject* target, void* reference, IOUserClientMethodArguments* arguments)
{
    UsbVendorUserClient* self = (UsbVendorUserClient*)target;
    uint16_t transferred = 0;
    uint8_t requestType = makeDeviceRequestbmRequestType(kIOUSBDeviceRequestDirectionValueIn, kIOUSBDeviceRequestTypeValueVendor,
                                                          kIOUSBDeviceRequestRecipientValueDevice);
    kern_return_t ret = self->ivars->driver->Interface()->DeviceRequest(requestType, kVendorRequestStatus, (uint16_t)arguments->scalarInput[0],
                                                                         0, kTransferBytes, self->ivars->controlBuffer, &transferred, 1000);
    if (ret != kIOReturnSuccess) return ret;
    const uint8_t* answer = BytesOf(self->ivars->controlBuffer);
    uint8_t count = transferred > 0 ? answer[0] : 0;
    // PLANTED BUG: the record count is the device's and is trusted: a count above 16 (or past the
    // bytes transferred) overflows the 16-byte status block. Only device data can send one.
    memcpy(self->ivars->status, answer + 1, count);
    arguments->scalarOutput[0] = transferred;
    arguments->scalarOutput[1] = count;
    return kIOReturnSuccess;
}

kern_return_t UsbVendorUserClient::BulkWrite(OSObject* target, void* reference, IOUserClientMethodArguments* arguments)
{
    UsbVendorUserClient* self = (UsbVendorUserClient*)target;
    if (arguments->structureInput == nullptr) return kIOReturnBadArgument;
    uint32_t length = (uint32_t)arguments->structureInput->getLength();
    // PLANTED BUG: no check that the structure input fits the 64-byte OUT buffer; the app alone
    // overflows it with a longer one.
    memcpy(BytesOf(self->ivars->outBuffer), arguments->structureInput->getBytesNoCopy(), length);
    uint32_t sent = 0;
    kern_return_t ret = self->ivars->driver->BulkOut()->IO(self->ivars->outBuffer, length, &sent, 1000);
    arguments->scalarOutput[0] = sent;
    return ret;
}

kern_return_t UsbVendorUserClient::AsyncBulkRead(OSObject* target, void* reference, IOUserClientMethodArguments* arguments)
{
    UsbVendorUserClient* self = (UsbVendorUserClient*)target;
    if (self->ivars->bulkCompletion != nullptr) return kIOReturnBusy;
    self->ivars->abortRequested = false;
    self->ivars->bulkRetried = false;
    kern_return_t ret = self->ivars->driver->BulkIn()->AsyncIO(self->ivars->inBuffer, kTransferBytes, self->ivars->bulkAction, 0);
    if (ret != kIOReturnSuccess) return ret;
    arguments->completion->retain();
    self->ivars->bulkCompletion = arguments->completion;
    return kIOReturnSuccess;
}

kern_return_t UsbVendorUserClient::AbortReads(OSObject* target, void* reference, IOUserClientMethodArguments* arguments)
{
    UsbVendorUserClient* self = (UsbVendorUserClient*)target;
    self->ivars->abortRequested = true;
    self->ivars->driver->BulkIn()->Abort(kIOUSBAbortSynchronous, kIOReturnAborted, self);
    self->ivars->driver->InterruptIn()->Abort(kIOUSBAbortSynchronous, kIOReturnAborted, self);
    return kIOReturnSuccess;
}

kern_return_t UsbVendorUserClient::AsyncInterruptRead(OSObject* target, void* reference, IOUserClientMethodArguments* arguments)
{
    UsbVendorUserClient* self = (UsbVendorUserClient*)target;
    if (self->ivars->interruptCompletion != nullptr) return kIOReturnBusy;
    if (self->ivars->interruptBuffer == nullptr) return kIOReturnNoResources;
    self->ivars->abortRequested = false;
    kern_return_t ret = self->ivars->driver->InterruptIn()->AsyncIO(self->ivars->interruptBuffer, kInterruptBytes, self->ivars->interruptAction, 0);
    if (ret != kIOReturnSuccess) return ret;
    arguments->completion->retain();
    self->ivars->interruptCompletion = arguments->completion;
    return kIOReturnSuccess;
}

kern_return_t UsbVendorUserClient::DeviceInfo(OSObject* target, void* reference, IOUserClientMethodArguments* arguments)
{
    UsbVendorUserClient* self = (UsbVendorUserClient*)target;
    IOUSBHostDevice* device = nullptr;
    kern_return_t ret = self->ivars->driver->Interface()->CopyDevice(&device);
    if (ret != kIOReturnSuccess) return ret;
    const IOUSBDeviceDescriptor* descriptor = device->CopyDeviceDescriptor();
    device->release();
    if (descriptor == nullptr) return kIOReturnNotFound;
    IOUSBStandardEndpointDescriptors endpoint = {};
    ret = self->ivars->driver->BulkIn()->GetDescriptors(&endpoint, kIOUSBGetEndpointDescriptorOriginal);
    if (ret == kIOReturnSuccess)
    {
        arguments->scalarOutput[0] = descriptor->idVendor;
        arguments->scalarOutput[1] = descriptor->idProduct;
        arguments->scalarOutput[2] = IOUSBGetEndpointMaxPacketSize(kIOUSBHostConnectionSpeedHigh, &endpoint.descriptor);
        arguments->scalarOutput[3] = descriptor->bcdUSB;
    }
    IOUSBHostFreeDescriptor(descriptor);
    return ret;
}

/* Sends the app its read's result and forgets its completion. */
static void Finish(UsbVendorUserClient* self, OSAction** completion, IOReturn status, uint32_t count, const uint8_t* bytes)
{
    uint64_t args[2] = { count, 0 };
    if (status == kIOReturnSuccess && bytes != nullptr) memcpy(&args[1], bytes, count < 8 ? count : 8);
    if (*completion != nullptr)
    {
        self->AsyncCompletion(*completion, status, args, status == kIOReturnSuccess ? 2 : 0);
        OSSafeReleaseNULL(*completion);
    }
}

void IMPL(UsbVendorUserClient, BulkReadComplete)
{
    if (status != kIOReturnSuccess && !ivars->abortRequested && !ivars->bulkRetried)
    {
        // PLANTED BUG: a failed read is retried once as if the device had only glitched; after an
        // unplug the retry is IO on a device that is gone.
        ivars->bulkRetried = true;
        if (ivars->driver->BulkIn()->AsyncIO(ivars->inBuffer, kTransferBytes, ivars->bulkAction, 0) == kIOReturnSuccess) return;
    }
    Finish(this, &ivars->bulkCompletion, status, actualByteCount, BytesOf(ivars->inBuffer));
}

void IMPL(UsbVendorUserClient, InterruptReadComplete)
{
    if (status != kIOReturnSuccess && !ivars->abortRequested)
    {
        Log("interrupt read failed 0x%x: giving its buffer back", status);
        // PLANTED BUG: the buffer is released but the pointer kept; Stop releases it again. Only a
        // failure the app did not ask for (the device unplugged during the read) takes this path.
        ivars->interruptBuffer->release();
        Finish(this, &ivars->interruptCompletion, status, 0, nullptr);
        return;
    }
    Finish(this, &ivars->interruptCompletion, status, actualByteCount, BytesOf(ivars->interruptBuffer));
}

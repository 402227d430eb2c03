/*
 * What the app and PciBarUserClient share (PciBarRegisters.h):
 *  memory type 0  BAR0, read-only (the app watches the registers)
 *  memory type 1  the DMA buffer, kPciBarDmaBufferBytes, read-write
 *
 * Selectors (a dispatch table checks each shape; see spec.yaml):
 *  0 ReadRegister     in [offset]          out [value]     a 32-bit register of BAR0
 *  1 WriteRegister    in [offset, value]                   the device ignores writes to its status registers
 *  2 StartDMA         in [length]          out [address, segments]  prepares the buffer (0 or more than
 *                                                          it holds: all of it), programs the device; a
 *                                                          transfer still running is completed first
 *  3 CompleteDMA                                           ends the transfer StartDMA began, if any
 *  4 RegisterInterruptCallback async                       every interrupt completes it with [count, status]
 *  5 ReadEvent                             out [value]     the event in the slot the device names
 *  6 ReadConfig       in [offset]          out [value]     a 32-bit configuration register
 *
 * Offsets are decoded as the hardware does: the low bits inside the BAR (4 KiB of configuration
 * space), aligned to the register, so every well-shaped call succeeds.
 *
 * Three bugs are planted, each marked PLANTED BUG: one the app reaches (WriteRegister), one only a
 * malicious device reaches (ReadEvent), and a DMA left prepared when the app closes after StartDMA.
 */
#include <os/log.h>
#include <DriverKit/IOLib.h>
#include <DriverKit/IOUserClient.h>
#include <DriverKit/IOBufferMemoryDescriptor.h>
#include <DriverKit/IODMACommand.h>
#include <PCIDriverKit/PCIDriverKit.h>

#include "PciBarDriver.h"
#include "PciBarUserClient.h"
#include "PciBarRegisters.h"

struct PciBarUserClient_IVars {
    PciBarDriver* driver = nullptr;            /* retained */
    IOPCIDevice* pci = nullptr;                /* the driver's */
    uint8_t bar0 = 0;
    uint64_t bar0Size = 0;
    uint32_t* shadow = nullptr;                /* kPciBarShadowRegisters entries */
    uint64_t* events = nullptr;                /* kPciBarEventSlots entries */
    IOBufferMemoryDescriptor* dmaBuffer = nullptr;
    IODMACommand* dma = nullptr;
    bool dmaStarted = false;
};

static const IOUserClientMethodDispatch sMethods[kPciBarSelectorCount] = {
    [kPciBarSelectorReadRegister] = { .function = (IOUserClientMethodFunction)&PciBarUserClient::ReadRegister, .checkCompletionExists = false,
            .checkScalarInputCount = 1, .checkStructureInputSize = 0, .checkScalarOutputCount = 1, .checkStructureOutputSize = 0 },
    [kPciBarSelectorWriteRegister] = { .function = (IOUserClientMethodFunction)&PciBarUserClient::WriteRegister, .checkCompletionExists = false,
            .checkScalarInputCount = 2, .checkStructureInputSize = 0, .checkScalarOutputCount = 0, .checkStructureOutputSize = 0 },
    [kPciBarSelectorStartDMA] = { .function = (IOUserClientMethodFunction)&PciBarUserClient::StartDMA, .checkCompletionExists = false,
            .checkScalarInputCount = 1, .checkStructureInputSize = 0, .checkScalarOutputCount = 2, .checkStructureOutputSize = 0 },
    [kPciBarSelectorCompleteDMA] = { .function = (IOUserClientMethodFunction)&PciBarUserClient::CompleteDMA, .checkCompletionExists = false,
            .checkScalarInputCount = 0, .checkStructureInputSize = 0, .checkScalarOutputCount = 0, .checkStructureOutputSize = 0 },
    [kPciBarSelectorRegisterInterruptCallback] = { .function = (IOUserClientMethodFunction)&PciBarUserClient::RegisterInterruptCallback, .checkCompletionExists = true,
            .checkScalarInputCount = 0, .checkStructureInputSize = 0, .checkScalarOutputCount = 0, .checkStructureOutputSize = 0 },
    [kPciBarSelectorReadEvent] = { .function = (IOUserClientMethodFunction)&PciBarUserClient::ReadEvent, .checkCompletionExists = false,
            .checkScalarInputCount = 0, .checkStructureInputSize = 0, .checkScalarOutputCount = 1, .checkStructureOutputSize = 0 },
    [kPciBarSelectorReadConfig] = { .function = (IOUserClientMethodFunction)&PciBarUserClient::ReadConfig, .checkCompletionExists = false,
            .checkScalarInputCount = 1, .checkStructureInputSize = 0, .checkScalarOutputCount = 1, .checkStructureOutputSize = 0 },
};

bool PciBarUserClient::init()
{
    if (!super::init()) return false;
    ivars = IONewZero(PciBarUserClient_IVars, 1);
    if (ivars == nullptr) return false;
    ivars->shadow = IONewZero(uint32_t, kPciBarShadowRegisters);
    ivars->events = IONewZero(uint64_t, kPciBarEventSlots);
    if (ivars->shadow == nullptr || ivars->events == nullptr) return false;
    for (uint32_t k = 0; k < kPciBarEventSlots; k++) ivars->events[k] = 0xE000 + k;
    return true;
}

void PciBarUserClient::free()
{
    if (ivars) {
        OSSafeReleaseNULL(ivars->dma);
        OSSafeReleaseNULL(ivars->dmaBuffer);
        OSSafeReleaseNULL(ivars->driver);
        IOSafeDeleteNULL(ivars->shadow, uint32_t, kPciBarShadowRegisters);
        IOSafeDeleteNULL(ivars->events, uint64_t, kPciBarEventSlots);
    }
    IOSafeDeleteNULL(ivars, PciBarUserClient_IVars, 1);
    super::free();
}

kern_return_t IMPL(PciBarUserClient, Start)
{
    kern_return_t ret = Start(provider, SUPERDISPATCH);
    if (ret != kIOReturnSuccess) return ret;
    ivars->driver = OSDynamicCast(PciBarDriver, provider);
    if (ivars->driver == nullptr) return kIOReturnBadArgument;
    ivars->driver->retain();
    ivars->pci = ivars->driver->GetDevice();
    if (ivars->pci == nullptr) return kIOReturnNotOpen;
    ivars->bar0 = ivars->driver->GetBar0Index();
    ivars->bar0Size = ivars->driver->GetBar0Size();

    ret = IOBufferMemoryDescriptor::Create(kIOMemoryDirectionInOut, kPciBarDmaBufferBytes, 0, &ivars->dmaBuffer);
    if (ret != kIOReturnSuccess) return ret;
    IODMACommandSpecification specification;
    bzero(&specification, sizeof(specification));
    specification.options = kIODMACommandSpecificationNoOptions;
    specification.maxAddressBits = 32;
    return IODMACommand::Create(ivars->pci, kIODMACommandCreateNoOptions, &specification, &ivars->dma);
}

kern_return_t IMPL(PciBarUserClient, Stop)
{
    if (ivars->driver) ivars->driver->ClearInterruptWaiter(this);
    /* PLANTED BUG: a DMA the app started and did not complete stays prepared. Stop should end it:
     *     if (ivars->dmaStarted) { ivars->dma->CompleteDMA(kIODMACommandCompleteDMANoOptions); ivars->dmaStarted = false; }
     * free() then releases the command while it is still prepared (device.dma-balance). */
    return Stop(provider, SUPERDISPATCH);
}

kern_return_t PciBarUserClient::ExternalMethod(uint64_t selector, IOUserClientMethodArguments* arguments,
                                               const IOUserClientMethodDispatch* dispatch, OSObject* target, void* reference)
{
    if (selector >= kPciBarSelectorCount) return kIOReturnUnsupported;
    return super::ExternalMethod(selector, arguments, &sMethods[selector], this, reference);
}

kern_return_t IMPL(PciBarUserClient, CopyClientMemoryForType)
{
    if (options == nullptr || memory == nullptr) return kIOReturnBadArgument;
    switch (type) {
        case kPciBarMemoryBar0:
            *options = kIOUserClientMemoryReadOnly;
            return ivars->driver->CopyBar0(memory);
        case kPciBarMemoryDmaBuffer:
            ivars->dmaBuffer->retain();
            *memory = ivars->dmaBuffer;
            *options = 0;
            return kIOReturnSuccess;
        default:
            return kIOReturnBadArgument;
    }
}

static PciBarUserClient_IVars* IVarsOf(OSObject* target)
{
    PciBarUserClient* self = OSDynamicCast(PciBarUserClient, target);
    return self ? self->ivars : nullptr;
}

/* BAR sizes are powers of two: the register the device decodes for an offset. */
static uint64_t RegisterInBar(PciBarUserClient_IVars* ivars, uint64_t offset)
{
    return offset & (ivars->bar0Size - 1) & ~3ull;
}

kern_return_t PciBarUserClient::ReadRegister(OSObject* target, void*, IOUserClientMethodArguments* arguments)
{
    PciBarUserClient_IVars* ivars = IVarsOf(target);
    if (ivars == nullptr) return kIOReturnBadArgument;
    uint64_t offset = RegisterInBar(ivars, arguments->scalarInput[0]);
    uint32_t value = 0;
    ivars->pci->MemoryRead32(ivars->bar0, offset, &value);
    arguments->scalarOutput[0] = value;
    return kIOReturnSuccess;
}

kern_return_t PciBarUserClient::WriteRegister(OSObject* target, void*, IOUserClientMethodArguments* arguments)
{
    PciBarUserClient_IVars* ivars = IVarsOf(target);
    if (ivars == nullptr) return kIOReturnBadArgument;
    uint64_t offset = RegisterInBar(ivars, arguments->scalarInput[0]);
    uint32_t value = (uint32_t)arguments->scalarInput[1];
    if (offset >= kPciBarReadOnlyStart && offset < kPciBarReadOnlyEnd) return kIOReturnSuccess; /* read-only */
    /* PLANTED BUG: the shadow covers only the first kPciBarShadowRegisters registers (256 bytes), but
     * the offset was only bounded by the whole BAR: a write past 0xFC overflows the shadow array. */
    ivars->shadow[offset / 4] = value;
    ivars->pci->MemoryWrite32(ivars->bar0, offset, value);
    return kIOReturnSuccess;
}

kern_return_t PciBarUserClient::StartDMA(OSObject* target, void*, IOUserClientMethodArguments* arguments)
{
    PciBarUserClient_IVars* ivars = IVarsOf(target);
    if (ivars == nullptr) return kIOReturnBadArgument;
    uint64_t length = arguments->scalarInput[0];
    if (length == 0 || length > kPciBarDmaBufferBytes) length = kPciBarDmaBufferBytes;
    if (ivars->dmaStarted) {
        ivars->pci->MemoryWrite32(ivars->bar0, kPciBarRegDmaStart, 0);
        ivars->dma->CompleteDMA(kIODMACommandCompleteDMANoOptions);
        ivars->dmaStarted = false;
    }
    uint64_t flags = 0;
    uint32_t segmentCount = 1;
    IOAddressSegment segment = {};
    kern_return_t ret = ivars->dma->PrepareForDMA(kIODMACommandPrepareForDMANoOptions, ivars->dmaBuffer, 0, length,
                                                  &flags, &segmentCount, &segment);
    if (ret != kIOReturnSuccess) return ret;
    ivars->dmaStarted = true;
    ivars->pci->MemoryWrite32(ivars->bar0, kPciBarRegDmaAddrLow, (uint32_t)segment.address);
    ivars->pci->MemoryWrite32(ivars->bar0, kPciBarRegDmaAddrHigh, (uint32_t)(segment.address >> 32));
    ivars->pci->MemoryWrite32(ivars->bar0, kPciBarRegDmaLength, (uint32_t)segment.length);
    ivars->pci->MemoryWrite32(ivars->bar0, kPciBarRegDmaStart, 1);
    arguments->scalarOutput[0] = segment.address;
    arguments->scalarOutput[1] = segmentCount;
    return kIOReturnSuccess;
}

kern_return_t PciBarUserClient::CompleteDMA(OSObject* target, void*, IOUserClientMethodArguments*)
{
    PciBarUserClient_IVars* ivars = IVarsOf(target);
    if (ivars == nullptr) return kIOReturnBadArgument;
    if (!ivars->dmaStarted) return kIOReturnSuccess; /* nothing to end */
    ivars->pci->MemoryWrite32(ivars->bar0, kPciBarRegDmaStart, 0);
    kern_return_t ret = ivars->dma->CompleteDMA(kIODMACommandCompleteDMANoOptions);
    ivars->dmaStarted = false;
    return ret;
}

kern_return_t PciBarUserClient::RegisterInterruptCallback(OSObject* target, void*, IOUserClientMethodArguments* arguments)
{
    PciBarUserClient* self = OSDynamicCast(PciBarUserClient, target);
    if (self == nullptr || self->ivars->driver == nullptr) return kIOReturnBadArgument;
    return self->ivars->driver->SetInterruptWaiter(self, arguments->completion);
}

kern_return_t PciBarUserClient::ReadEvent(OSObject* target, void*, IOUserClientMethodArguments* arguments)
{
    PciBarUserClient_IVars* ivars = IVarsOf(target);
    if (ivars == nullptr) return kIOReturnBadArgument;
    uint32_t slot = 0;
    ivars->pci->MemoryRead32(ivars->bar0, kPciBarRegEventIndex, &slot);
    /* PLANTED BUG: the slot comes from the device and is trusted to be below kPciBarEventSlots. The app
     * cannot write the register (WriteRegister ignores it, BAR0 is mapped read-only), so only a
     * malicious device reaches the overflow. */
    arguments->scalarOutput[0] = ivars->events[slot];
    return kIOReturnSuccess;
}

kern_return_t PciBarUserClient::ReadConfig(OSObject* target, void*, IOUserClientMethodArguments* arguments)
{
    PciBarUserClient_IVars* ivars = IVarsOf(target);
    if (ivars == nullptr) return kIOReturnBadArgument;
    uint64_t offset = arguments->scalarInput[0] & 0xFFC;
    uint32_t value = 0;
    ivars->pci->ConfigurationRead32(offset, &value);
    arguments->scalarOutput[0] = value;
    return kIOReturnSuccess;
}

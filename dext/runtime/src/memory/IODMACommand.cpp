/*
 * IODMACommand after xnu's Create_Impl, PrepareForDMA_Impl, CompleteDMA_Impl, GetPreparation_Impl
 * and PerformOperation_Impl (iokit/Kernel/IODMACommand.cpp). The bus addresses are the runtime's own
 * (pci/PciFamily.cpp, NextDmaAddress): one segment per preparation, as an IOMMU-mapped device gets.
 * Leaving a command prepared is the rule device.dma-balance (docs/driverkit-semantics.md section 16).
 */
#include <DriverKit/IODMACommand.h>

#include <stdlib.h>
#include <string.h>

#include "core/ObjectTracker.h"
#include "core/Runtime.h"
#include "device/Violations.h"
#include "pci/PciState.h"

DKSIM_CLASS_DEFINE_ABSTRACT(IODMACommand, OSObject)

namespace dksim {

DmaState &PciAccess::dma(const IODMACommand *command)
{
    IODMACommand *self = const_cast<IODMACommand *>(command);
    if (self->state_ == nullptr) {
        self->state_ = new DmaState();
        self->state_->command = self;
    }
    return *self->state_;
}

static void Unprepare(DmaState &state)
{
    state.prepared = false;
    OSSafeReleaseNULL(state.memory);
    state.offset = state.length = state.address = 0;
}

} // namespace dksim

using dksim::PciAccess;

kern_return_t IODMACommand::Create(IOService *device, uint64_t options, const IODMACommandSpecification *specification,
                                   IODMACommand **command)
{
    if (options & ~(uint64_t)kIODMACommandCreateNoOptions) return kIOReturnBadArgument;
    if (device == nullptr || specification == nullptr || command == nullptr) return kIOReturnBadArgument;
    /* xnu: maxAddressBits must fit the mapper's 8-bit field. */
    if (specification->maxAddressBits > 0xFF) return kIOReturnBadArgument;
    IODMACommand *created = dksim::NewTracked<IODMACommand>();
    created->init();
    dksim::DmaState &state = PciAccess::dma(created);
    state.maxAddressBits = (uint8_t)specification->maxAddressBits;
    if (IOPCIDevice *pci = OSDynamicCast(IOPCIDevice, device)) {
        pci->retain();
        state.device = pci;
        PciAccess::nub(pci).dma.insert(&state);
    }
    *command = created;
    return kIOReturnSuccess;
}

bool IODMACommand::init() { return OSObject::init(); }

void IODMACommand::free()
{
    if (state_) {
        if (state_->prepared)
            dksim::ReportViolation(dksim::kRuleDeviceDmaBalance,
                                   "IODMACommand freed while still prepared (CompleteDMA was not called)");
        dksim::Unprepare(*state_);
        if (state_->device) {
            PciAccess::nub(state_->device).dma.erase(state_);
            OSSafeReleaseNULL(state_->device);
        }
        delete state_;
        state_ = nullptr;
    }
    OSObject::free();
}

kern_return_t IODMACommand::PrepareForDMA(uint64_t options, IOMemoryDescriptor *memory, uint64_t offset,
                                          uint64_t length, uint64_t *flags, uint32_t *segmentsCount,
                                          IOAddressSegment *segments)
{
    if (options & ~(uint64_t)kIODMACommandPrepareForDMANoOptions) return kIOReturnBadArgument;
    if (memory == nullptr || flags == nullptr || segmentsCount == nullptr || segments == nullptr)
        return kIOReturnBadArgument;
    dksim::DmaState &state = PciAccess::dma(this);
    if (state.prepared) {
        /* xnu setMemoryDescriptor: the same memory again completes the earlier preparation behind the
         * dext's back (the memory stays wired once more); other memory is refused with Busy. */
        dksim::ReportViolation(dksim::kRuleDeviceDmaBalance,
                               "IODMACommand::PrepareForDMA on a command still prepared (CompleteDMA was not called)");
        if (memory != state.memory) return kIOReturnBusy;
        dksim::Unprepare(state);
    }
    if (state.device && dksim::Runtime::get().device.unplugged) return kIOReturnNoDevice;
    uint64_t total = memory->dksimLength();
    if (offset > total) return kIOReturnBadArgument;
    if (length == 0) length = total - offset;
    uint64_t end = 0;
    /* (inferred) a range past the memory, an empty one, or no room for a segment is BadArgument. */
    if (length == 0 || __builtin_add_overflow(offset, length, &end) || end > total || *segmentsCount == 0)
        return kIOReturnBadArgument;
    uint64_t address = dksim::NextDmaAddress(length);
    if (state.maxAddressBits < 64 && (address + length - 1) >> state.maxAddressBits) return kIOReturnNoResources;
    memory->retain();
    state.memory = memory;
    state.offset = offset;
    state.length = length;
    state.address = address;
    state.prepared = true;
    segments[0].address = address;
    segments[0].length = length;
    *segmentsCount = 1;
    *flags = memory->dksimDirection() & kIOMemoryDirectionOutIn;
    return kIOReturnSuccess;
}

kern_return_t IODMACommand::CompleteDMA(uint64_t options)
{
    if (options & ~(uint64_t)kIODMACommandCompleteDMANoOptions) return kIOReturnBadArgument;
    dksim::DmaState &state = PciAccess::dma(this);
    if (!state.prepared) return kIOReturnNotReady;
    dksim::Unprepare(state);
    return kIOReturnSuccess;
}

kern_return_t IODMACommand::GetPreparation(uint64_t *offset, uint64_t *length, IOMemoryDescriptor **memory)
{
    dksim::DmaState &state = PciAccess::dma(this);
    if (!state.prepared) return kIOReturnNotReady;
    if (offset) *offset = state.offset;
    if (length) *length = state.length;
    if (memory) {
        state.memory->retain();
        *memory = state.memory;
    }
    return kIOReturnSuccess;
}

kern_return_t IODMACommand::PerformOperation(uint64_t options, uint64_t dmaOffset, uint64_t length, uint64_t dataOffset,
                                             IOMemoryDescriptor *data)
{
    if (options != kIODMACommandPerformOperationOptionRead && options != kIODMACommandPerformOperationOptionWrite &&
        options != kIODMACommandPerformOperationOptionZero)
        return kIOReturnBadArgument;
    dksim::DmaState &state = PciAccess::dma(this);
    if (!state.prepared) return kIOReturnNotReady;
    uint64_t end = 0;
    if (length > state.length) return kIOReturnBadArgument;
    if (__builtin_add_overflow(dmaOffset, length, &end) || end > state.length) return kIOReturnUnderrun;
    if (length == 0) return kIOReturnSuccess;
    uint8_t *buffer = (uint8_t *)calloc(1, length);
    if (buffer == nullptr) return kIOReturnNoMemory;
    kern_return_t ret = kIOReturnSuccess;
    if (options != kIODMACommandPerformOperationOptionZero) {
        uint64_t dataEnd = 0;
        if (data == nullptr || __builtin_add_overflow(dataOffset, length, &dataEnd) || dataEnd > data->dksimLength())
            ret = kIOReturnBadArgument;
    }
    if (ret == kIOReturnSuccess) {
        if (options == kIODMACommandPerformOperationOptionRead) {
            state.memory->dksimCopyOut(state.offset + dmaOffset, buffer, length);
            data->dksimCopyIn(dataOffset, buffer, length);
        } else {
            if (options == kIODMACommandPerformOperationOptionWrite) data->dksimCopyOut(dataOffset, buffer, length);
            state.memory->dksimCopyIn(state.offset + dmaOffset, buffer, length);
        }
    }
    ::free(buffer);
    return ret;
}

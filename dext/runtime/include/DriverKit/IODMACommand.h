/*
 * IODMACommand (iokit/DriverKit/IODMACommand.iig): maps a memory descriptor for a device's DMA and
 * returns the device-visible (bus) address ranges. The runtime's addresses are deterministic and
 * simulated (docs/devices.md, "PCI"); a command freed, or its device closed, while still prepared
 * is the rule device.dma-balance.
 */
#ifndef DKSIM_DRIVERKIT_IODMACOMMAND_H
#define DKSIM_DRIVERKIT_IODMACOMMAND_H

#include <DriverKit/IOMemoryDescriptor.h>
#include <DriverKit/OSObject.h>

class IOService;

enum {
    kIODMACommandCreateNoOptions = 0,
};
enum {
    kIODMACommandPrepareForDMANoOptions = 0,
};
enum {
    kIODMACommandCompleteDMANoOptions = 0,
};
enum {
    kIODMACommandPerformOperationOptionRead = 0x00000001,
    kIODMACommandPerformOperationOptionWrite = 0x00000002,
    kIODMACommandPerformOperationOptionZero = 0x00000004,
};
enum {
    kIODMACommandSpecificationNoOptions = 0,
};

struct IODMACommandSpecification {
    uint64_t options;
    uint64_t maxAddressBits;
    uint64_t _resv[16];
};

namespace dksim {
struct DmaState;
struct PciAccess;
} // namespace dksim

class IODMACommand : public OSObject
{
    DKSIM_CLASS_DECLARE(IODMACommand, OSObject)

public:
    static kern_return_t Create(IOService *device, uint64_t options, const IODMACommandSpecification *specification,
                                IODMACommand **command);

    bool init() override;
    void free() override;

    /* length 0: the rest of the descriptor from offset. *segmentsCount is the capacity of segments on
     * entry and the number filled on return; *flags receives the memory's direction. */
    kern_return_t PrepareForDMA(uint64_t options, IOMemoryDescriptor *memory, uint64_t offset, uint64_t length,
                                uint64_t *flags, uint32_t *segmentsCount, IOAddressSegment *segments);
    /* kIOReturnNotReady when not prepared. */
    kern_return_t CompleteDMA(uint64_t options);
    /* The prepared range; memory (+1) when asked for. kIOReturnNotReady when not prepared. */
    kern_return_t GetPreparation(uint64_t *offset, uint64_t *length, IOMemoryDescriptor **memory);
    /* A CPU copy into (Write, Zero) or out of (Read) the prepared memory at dmaOffset. */
    kern_return_t PerformOperation(uint64_t options, uint64_t dmaOffset, uint64_t length, uint64_t dataOffset,
                                   IOMemoryDescriptor *data);

private:
    friend struct dksim::PciAccess;
    dksim::DmaState *state_ = nullptr;
};

#endif

/*
 * IOInterruptDispatchSource (iokit/DriverKit/IOInterruptDispatchSource.iig): a provider's interrupt
 * (for an IOPCIDevice: an MSI vector) delivered as InterruptOccurred(count, time) to the handler
 * action on the source's queue. Interrupts raised before the handler runs are coalesced into one
 * call whose count says how many (xnu IOInterruptDispatchSource::CheckForWork_Impl). A source starts
 * disabled; SetEnable(true) unmasks it.
 */
#ifndef DKSIM_DRIVERKIT_IOINTERRUPTDISPATCHSOURCE_H
#define DKSIM_DRIVERKIT_IOINTERRUPTDISPATCHSOURCE_H

#include <DriverKit/IODispatchQueue.h>
#include <DriverKit/IODispatchSource.h>
#include <DriverKit/OSAction.h>

class IOService;

/* The index argument of Create: the interrupt's index in the low bits, flags above (inferred values). */
enum {
    kIOInterruptSourceIndexMask = 0x0000FFFF,
    kIOInterruptSourceContinuousTime = 0x00010000,
};

/* GetInterruptType results (IOKit IOInterrupts.h). */
enum {
    kIOInterruptTypeEdge = 0x00000000,
    kIOInterruptTypeLevel = 0x00000001,
    kIOInterruptTypePCIMessaged = 0x00010000,
    kIOInterruptTypePCIMessagedX = 0x00020000,
};

struct IOInterruptDispatchSourcePayload {
    uint64_t time;
    uint64_t count;
};

namespace dksim {
struct InterruptState;
struct PciAccess;
} // namespace dksim

class IOInterruptDispatchSource : public IODispatchSource
{
    DKSIM_CLASS_DECLARE(IOInterruptDispatchSource, IODispatchSource)

public:
    /* kIOReturnNoInterrupt for an index the provider does not have; kIOReturnNoResources when another
     * live source already has it (inferred). */
    static kern_return_t Create(IOService *provider, uint32_t index, IODispatchQueue *queue,
                                IOInterruptDispatchSource **source);
    static kern_return_t GetInterruptType(IOService *provider, uint32_t index, uint64_t *interruptType);

    bool init() override;
    void free() override;

    /* The action (TYPE(IOInterruptDispatchSource::InterruptOccurred)) is retained until replaced or
     * the source is freed. */
    virtual kern_return_t SetHandler(OSAction *action);
    /* kIOReturnUnsupported once canceled. The handler block is not called (xnu ignores it). */
    kern_return_t SetEnableWithCompletion(bool enable, IODispatchSourceCancelHandler handler) override;
    kern_return_t Cancel(IODispatchSourceCancelHandler handler) override;
    /* Interrupts counted and not yet delivered, and the time of the last one. */
    kern_return_t GetLastInterrupt(uint64_t *pCount, uint64_t *pTime);

private:
    friend struct dksim::PciAccess;
    dksim::InterruptState *state_ = nullptr;
};

#endif

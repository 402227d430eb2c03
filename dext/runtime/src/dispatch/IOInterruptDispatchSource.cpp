/*
 * IOInterruptDispatchSource after xnu's Create_Impl, SetEnableWithCompletion_Impl, Cancel_Impl and
 * CheckForWork_Impl (iokit/Kernel/IOUserServer.cpp): the provider's interrupt counts and stamps each
 * occurrence, the handler gets them on the source's queue as one InterruptOccurred(count, time) for
 * all that came before it ran. The provider here is the PCI family's nub (pci/PciFamily.cpp raises).
 */
#include <DriverKit/IOInterruptDispatchSource.h>

#include <Block.h>

#include "core/Access.h"
#include "core/ObjectTracker.h"
#include "core/Runtime.h"
#include "dispatch/QueueState.h"
#include "pci/PciState.h"

DKSIM_CLASS_DEFINE_ABSTRACT(IOInterruptDispatchSource, IODispatchSource)

namespace dksim {

InterruptState &PciAccess::interrupt(const IOInterruptDispatchSource *source)
{
    IOInterruptDispatchSource *self = const_cast<IOInterruptDispatchSource *>(source);
    if (self->state_ == nullptr) {
        self->state_ = new InterruptState();
        self->state_->source = self;
    }
    return *self->state_;
}

/* The provider forgets the source: no more interrupts reach it (xnu: unregisterInterrupt). */
static void Unregister(InterruptState &state)
{
    if (state.provider == nullptr) return;
    PciNubState &nub = PciAccess::nub(state.provider);
    auto found = nub.interrupts.find(state.index);
    if (found != nub.interrupts.end() && found->second == &state) nub.interrupts.erase(found);
    state.provider->release();
    state.provider = nullptr;
}

void InterruptState::raise(uint64_t now)
{
    count++;
    time = now;
    if (queued || handler == nullptr || queue == nullptr || Access::queue(queue).canceled) return;
    queued = true;
    Runtime &runtime = Runtime::get();
    IOInterruptDispatchSource *target = source;
    IODispatchQueue *onQueue = queue;
    target->retain();
    onQueue->retain();
    runtime.enqueue({onQueue, handler->dksimOwnerConnection(), [target, onQueue] {
                         InterruptState &state = PciAccess::interrupt(target);
                         state.queued = false;
                         /* Canceled, disabled or unplugged in between: nothing is delivered. */
                         if (!state.canceled && state.enabled && state.handler && !state.handler->dksimCanceled() &&
                             state.count > 0 && !Runtime::get().device.unplugged) {
                             uint64_t count = state.count;
                             state.count = 0;
                             OSAction *action = state.handler;
                             action->retain();
                             QueueState &running = Access::queue(onQueue);
                             running.running++;
                             action->dksimInterruptOccurred(count, state.time);
                             running.running--;
                             action->release();
                         }
                         target->release();
                     }});
}

} // namespace dksim

using dksim::PciAccess;

static IOPCIDevice *InterruptProvider(IOService *provider, uint32_t index)
{
    IOPCIDevice *device = OSDynamicCast(IOPCIDevice, provider);
    if (device == nullptr) return nullptr;
    dksim::PciNubState &nub = PciAccess::nub(device);
    return nub.model && index < nub.model->msiVectors ? device : nullptr;
}

kern_return_t IOInterruptDispatchSource::GetInterruptType(IOService *provider, uint32_t index, uint64_t *interruptType)
{
    if (interruptType == nullptr) return kIOReturnBadArgument;
    *interruptType = 0;
    if (InterruptProvider(provider, index & kIOInterruptSourceIndexMask) == nullptr) return kIOReturnNoInterrupt;
    /* Every simulated PCI interrupt is an MSI vector, edge-triggered. */
    *interruptType = kIOInterruptTypeEdge | kIOInterruptTypePCIMessaged;
    return kIOReturnSuccess;
}

kern_return_t IOInterruptDispatchSource::Create(IOService *provider, uint32_t index, IODispatchQueue *queue,
                                                IOInterruptDispatchSource **source)
{
    if (provider == nullptr || queue == nullptr || source == nullptr) return kIOReturnBadArgument;
    uint32_t vector = index & kIOInterruptSourceIndexMask;
    IOPCIDevice *device = InterruptProvider(provider, vector);
    if (device == nullptr) return kIOReturnNoInterrupt;
    dksim::PciNubState &nub = PciAccess::nub(device);
    if (nub.interrupts.count(vector)) return kIOReturnNoResources;
    IOInterruptDispatchSource *created = dksim::NewTracked<IOInterruptDispatchSource>();
    created->init();
    dksim::InterruptState &state = PciAccess::interrupt(created);
    device->retain();
    queue->retain();
    state.provider = device;
    state.queue = queue;
    state.index = vector;
    nub.interrupts[vector] = &state;
    *source = created;
    return kIOReturnSuccess;
}

bool IOInterruptDispatchSource::init() { return IODispatchSource::init(); }

void IOInterruptDispatchSource::free()
{
    if (state_) {
        dksim::Unregister(*state_);
        OSSafeReleaseNULL(state_->handler);
        OSSafeReleaseNULL(state_->queue);
        delete state_;
        state_ = nullptr;
    }
    IODispatchSource::free();
}

kern_return_t IOInterruptDispatchSource::SetHandler(OSAction *action)
{
    dksim::InterruptState &state = PciAccess::interrupt(this);
    if (action) action->retain();
    OSSafeReleaseNULL(state.handler);
    state.handler = action;
    return kIOReturnSuccess;
}

kern_return_t IOInterruptDispatchSource::SetEnableWithCompletion(bool enable, IODispatchSourceCancelHandler)
{
    dksim::InterruptState &state = PciAccess::interrupt(this);
    if (enable == state.enabled) return kIOReturnSuccess;
    if (state.canceled) return kIOReturnUnsupported;
    state.enabled = enable;
    return kIOReturnSuccess;
}

kern_return_t IOInterruptDispatchSource::Cancel(IODispatchSourceCancelHandler handler)
{
    dksim::InterruptState &state = PciAccess::interrupt(this);
    state.canceled = true;
    dksim::Unregister(state);
    /* xnu's kernel half ignores the block; DriverKit's user half runs it once the source is done
     * (inferred, as IOTimerDispatchSource's Cancel here). */
    if (handler) {
        IODispatchSourceCancelHandler copied = Block_copy(handler);
        dksim::Runtime &runtime = dksim::Runtime::get();
        runtime.enqueue({nullptr, runtime.currentConnection, [copied] {
                             copied();
                             Block_release(copied);
                         }});
    }
    return kIOReturnSuccess;
}

kern_return_t IOInterruptDispatchSource::GetLastInterrupt(uint64_t *pCount, uint64_t *pTime)
{
    dksim::InterruptState &state = PciAccess::interrupt(this);
    if (pCount) *pCount = state.count;
    if (pTime) *pTime = state.time;
    return kIOReturnSuccess;
}

#include <DriverKit/OSAction.h>

#include <Block.h>
#include <stdlib.h>

#include "core/Access.h"
#include "core/ObjectTracker.h"
#include "core/Runtime.h"
#include "objects/ActionState.h"

DKSIM_CLASS_DEFINE_ABSTRACT(OSAction, OSObject)

namespace dksim {

ActionState &Access::action(const OSAction *action)
{
    OSAction *self = const_cast<OSAction *>(action);
    if (self->state_ == nullptr) self->state_ = new ActionState();
    return *self->state_;
}

void Access::dropAction(OSAction *action)
{
    delete action->state_;
    action->state_ = nullptr;
}

OSAction *CreateCompletionAction(uint64_t connection, const uint64_t *reference, uint32_t count)
{
    OSAction *action = NewTracked<OSAction>();
    ActionState &state = Access::action(action);
    state.completion = true;
    state.connection = connection;
    for (uint32_t k = 0; k < count && k < DKSIM_ASYNC_REF_COUNT; k++) state.asyncReference[k] = reference[k];
    return action;
}

} // namespace dksim

using dksim::Access;

kern_return_t OSAction::Create(OSObject *target, uint64_t, uint64_t, size_t referenceSize, OSAction **action)
{
    return dksim::CreateTypedAction<OSAction>(target, referenceSize, action);
}

bool OSAction::init() { return OSObject::init(); }

kern_return_t OSAction::dksimSetUp(OSObject *target, size_t referenceSize)
{
    dksim::ActionState &state = Access::action(this);
    if (referenceSize > 0) {
        state.reference = calloc(1, referenceSize);
        if (state.reference == nullptr) return kIOReturnNoMemory;
    }
    state.referenceSize = referenceSize;
    state.target = target;
    if (target) target->retain();
    return kIOReturnSuccess;
}

void *OSAction::GetReference() { return Access::action(this).reference; }

kern_return_t OSAction::Cancel(OSActionCancelHandler handler)
{
    dksim::ActionState &state = Access::action(this);
    state.canceled = true;
    /* (inferred) Dropping the target at Cancel breaks the service <-> action cycle the samples
     * build (the service keeps its actions in ivars until free). */
    OSObject *target = state.target;
    state.target = nullptr;
    if (handler) {
        OSActionCancelHandler copied = Block_copy(handler);
        dksim::Runtime &runtime = dksim::Runtime::get();
        retain();
        runtime.enqueue({nullptr, runtime.currentConnection, [this, copied, target] {
                             copied();
                             Block_release(copied);
                             if (target) target->release();
                             release();
                         }});
    } else if (target) {
        target->release();
    }
    return kIOReturnSuccess;
}

kern_return_t OSAction::SetAbortedHandler(OSActionAbortedHandler) { return kIOReturnSuccess; }

void OSAction::Aborted() {}

void OSAction::dksimTimerOccurred(uint64_t) {}

void OSAction::dksimDataAvailable() {}

void OSAction::dksimDataServiced() {}

void OSAction::dksimInterruptOccurred(uint64_t, uint64_t) {}
void OSAction::dksimCompleteAsyncIO(IOReturn, uint32_t, uint64_t) {}

bool OSAction::dksimCanceled() const { return Access::action(this).canceled; }

OSObject *OSAction::dksimTarget() const { return Access::action(this).target; }

void OSAction::free()
{
    if (state_) {
        if (state_->target) state_->target->release();
        ::free(state_->reference);
        Access::dropAction(this);
    }
    OSObject::free();
}

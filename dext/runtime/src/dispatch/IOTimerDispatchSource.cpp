#include <DriverKit/IOTimerDispatchSource.h>

#include <Block.h>

#include "core/Access.h"
#include "core/ObjectTracker.h"
#include "core/Runtime.h"
#include "dispatch/QueueState.h"
#include "dispatch/TimerState.h"

DKSIM_CLASS_DEFINE_ABSTRACT(IOTimerDispatchSource, IODispatchSource)

namespace dksim {

TimerState &Access::timer(const IOTimerDispatchSource *timer)
{
    IOTimerDispatchSource *self = const_cast<IOTimerDispatchSource *>(timer);
    if (self->state_ == nullptr) {
        self->state_ = new TimerState();
        self->state_->source = self;
    }
    return *self->state_;
}

void Access::dropTimer(IOTimerDispatchSource *timer)
{
    TimerState *state = timer->state_;
    if (state == nullptr) return;
    Runtime::get().disarm(state);
    if (state->handler) state->handler->release();
    if (state->queue) state->queue->release();
    delete state;
    timer->state_ = nullptr;
}

void TimerState::fire(uint64_t time)
{
    if (canceled || !enabled || handler == nullptr || queue == nullptr) return;
    Runtime &runtime = Runtime::get();
    if (Access::queue(queue).canceled) return;
    OSAction *action = handler;
    action->retain();
    source->retain();
    queue->retain();
    IODispatchQueue *target = queue;
    IOTimerDispatchSource *timerSource = source;
    runtime.enqueue({target, action->dksimOwnerConnection(), [action, timerSource, target, time] {
                         /* Canceled between firing and running: the event is dropped, as after
                          * IODispatchSource::Cancel nothing more is delivered. */
                         if (!action->dksimCanceled() && !Access::timer(timerSource).canceled) {
                             QueueState &running = Access::queue(target);
                             running.running++;
                             action->dksimTimerOccurred(time);
                             running.running--;
                         }
                         action->release();
                         timerSource->release();
                     }});
}

} // namespace dksim

using dksim::Access;

kern_return_t IOTimerDispatchSource::Create(IODispatchQueue *queue, IOTimerDispatchSource **source)
{
    if (queue == nullptr || source == nullptr) return kIOReturnBadArgument;
    IOTimerDispatchSource *created = dksim::NewTracked<IOTimerDispatchSource>();
    queue->retain();
    Access::timer(created).queue = queue;
    *source = created;
    return kIOReturnSuccess;
}

bool IOTimerDispatchSource::init() { return IODispatchSource::init(); }

void IOTimerDispatchSource::free()
{
    Access::dropTimer(this);
    IODispatchSource::free();
}

kern_return_t IOTimerDispatchSource::SetHandler(OSAction *action)
{
    dksim::TimerState &state = Access::timer(this);
    if (action) action->retain();
    if (state.handler) state.handler->release();
    state.handler = action;
    return kIOReturnSuccess;
}

kern_return_t IOTimerDispatchSource::SetEnableWithCompletion(bool enable, IODispatchSourceCancelHandler handler)
{
    dksim::TimerState &state = Access::timer(this);
    state.enabled = enable;
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

kern_return_t IOTimerDispatchSource::Cancel(IODispatchSourceCancelHandler handler)
{
    dksim::TimerState &state = Access::timer(this);
    dksim::Runtime &runtime = dksim::Runtime::get();
    runtime.disarm(&state);
    state.canceled = true;
    if (handler) {
        IODispatchSourceCancelHandler copied = Block_copy(handler);
        runtime.enqueue({nullptr, runtime.currentConnection, [copied] {
                             copied();
                             Block_release(copied);
                         }});
    }
    return kIOReturnSuccess;
}

kern_return_t IOTimerDispatchSource::WakeAtTime(uint64_t, uint64_t deadline, uint64_t leeway)
{
    dksim::TimerState &state = Access::timer(this);
    if (state.canceled) return kIOReturnNotReady;
    dksim::Runtime &runtime = dksim::Runtime::get();
    /* One pending deadline per source: arming again replaces it (docs/driverkit-semantics.md). The
     * virtual clock fires at the deadline itself; leeway only widens when a real clock may fire. */
    runtime.disarm(&state);
    state.deadline = deadline;
    state.leeway = leeway;
    state.armed = true;
    runtime.armedTimers.push_back(&state);
    runtime.changed.notify_all();
    return kIOReturnSuccess;
}

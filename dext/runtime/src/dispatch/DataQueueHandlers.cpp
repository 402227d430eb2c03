/*
 * The notifications of an IODataQueueDispatchSource: its DataAvailable and DataServiced actions.
 * Rules from xnu iokit/Kernel/IODataQueueDispatchSourceShared.h (SetDataAvailableHandler_Impl,
 * SetDataServicedHandler_Impl, SendDataAvailable, SendDataServiced, EnqueueWithCoalesce,
 * DequeueWithCoalesce) and IODataQueueDispatchSource.iig:
 * - Enqueue into an empty queue, or one that finds it full, sends DataAvailable; Dequeue after a full
 *   Enqueue (needServicedCallback set) sends DataServiced, which clears the flag.
 * - Setting a DataAvailable action while entries wait delivers one at once.
 * - An action runs "on the queue set for the target method of the OSAction, not this queue".
 * The app is the other side: its stores through its mapping of the queue's memory are the enqueues
 * and dequeues of its IODataQueueClient (inferred, docs/driverkit-semantics.md section 14).
 */
#include <DriverKit/IODataQueueDispatchSource.h>

#include <map>

#include <DriverKit/IOService.h>

#include "core/Access.h"
#include "core/Runtime.h"
#include "dispatch/DataQueueLayout.h"
#include "dispatch/DataQueueMemories.h"
#include "dispatch/QueueState.h"

namespace dksim {
namespace {

std::map<const IOMemoryDescriptor *, IODataQueueDispatchSource *> &Memories()
{
    static std::map<const IOMemoryDescriptor *, IODataQueueDispatchSource *> memories;
    return memories;
}

/* The queue of the action's target method, retained: the service's default queue (QUEUENAME is not
 * followed, docs/driverkit-semantics.md section 9); for a target that is no service, the source's. */
IODispatchQueue *HandlerQueue(OSAction *action, IODispatchQueue *sourceQueue)
{
    IODispatchQueue *queue = nullptr;
    IOService *service = OSDynamicCast(IOService, action->dksimTarget());
    if (service && service->CopyDispatchQueue(kIOServiceDefaultQueueName, &queue) == kIOReturnSuccess && queue)
        return queue;
    if (sourceQueue) sourceQueue->retain();
    return sourceQueue;
}

} // namespace

void RegisterDataQueueMemory(const IOMemoryDescriptor *memory, IODataQueueDispatchSource *source)
{
    Memories()[memory] = source;
}

void UnregisterDataQueueMemory(const IOMemoryDescriptor *memory) { Memories().erase(memory); }

IODataQueueDispatchSource *DataQueueOfMemory(const IOMemoryDescriptor *memory)
{
    auto found = Memories().find(memory);
    return found == Memories().end() ? nullptr : found->second;
}

} // namespace dksim

using namespace dksim::dataqueue;

static void Replace(OSAction **slot, OSAction *action)
{
    if (action) action->retain();
    if (*slot) (*slot)->release();
    *slot = action;
}

kern_return_t IODataQueueDispatchSource::SetDataAvailableHandler(OSAction *action)
{
    Replace(&dataAvailable_, action);
    /* xnu SetDataAvailableHandler_Impl: entries already waiting are announced to the new action. */
    if (action && IsDataAvailable()) notify(dataAvailable_, true);
    return kIOReturnSuccess;
}

kern_return_t IODataQueueDispatchSource::SetDataServicedHandler(OSAction *action)
{
    Replace(&dataServiced_, action);
    return kIOReturnSuccess;
}

void IODataQueueDispatchSource::dropHandlers()
{
    Replace(&dataAvailable_, nullptr);
    Replace(&dataServiced_, nullptr);
}

void IODataQueueDispatchSource::SendDataAvailable(void)
{
    if (dataAvailable_) notify(dataAvailable_, true);
}

void IODataQueueDispatchSource::SendDataServiced(void)
{
    /* xnu SendDataServiced: only with an action is the flag cleared and the action run. */
    uint8_t *queue = base();
    if (dataServiced_ == nullptr || queue == nullptr) return;
    queue[kNeedServicedOffset] = 0;
    notify(dataServiced_, false);
}

/* One notification, run later on the action's queue like every callback (IOTimerDispatchSource's
 * TimerOccurred too): dropped if the action or the source is canceled before it runs. */
void IODataQueueDispatchSource::notify(OSAction *action, bool available)
{
    if (canceled_) return;
    dksim::Runtime &runtime = dksim::Runtime::get();
    IODispatchQueue *queue = dksim::HandlerQueue(action, queue_);
    if (queue && dksim::Access::queue(queue).canceled) {
        queue->release();
        return;
    }
    action->retain();
    retain();
    IODataQueueDispatchSource *source = this;
    runtime.enqueue({queue, action->dksimOwnerConnection(), [action, source, queue, available] {
                         if (!action->dksimCanceled() && !source->canceled_) {
                             if (queue) dksim::Access::queue(queue).running++;
                             if (available)
                                 action->dksimDataAvailable();
                             else
                                 action->dksimDataServiced();
                             if (queue) dksim::Access::queue(queue).running--;
                         }
                         action->release();
                         source->release();
                     }});
}

/*
 * (inferred) The app's IODataQueueClient moves the tail when it enqueues and the head when it
 * dequeues; what the dext's side of the queue would then be told follows the same rules as its own
 * Enqueue and Dequeue: an entry into an empty queue is DataAvailable, a dequeue while
 * needServicedCallback is set is DataServiced.
 */
bool IODataQueueDispatchSource::dksimAppStored(uint32_t headBefore, uint32_t tailBefore)
{
    uint32_t head = 0;
    uint32_t tail = 0;
    uint8_t *queue = base();
    if (queue == nullptr || !dksimOffsets(&head, &tail)) return false;
    bool queued = false;
    if (tail != tailBefore && headBefore == tailBefore && head != tail && dataAvailable_) {
        SendDataAvailable();
        queued = true;
    }
    if (head != headBefore && queue[kNeedServicedOffset] != 0 && dataServiced_) {
        SendDataServiced();
        queued = true;
    }
    return queued;
}

#include <DriverKit/IODispatchQueue.h>

#include <Block.h>

#include <memory>

#include "core/Access.h"
#include "core/ObjectTracker.h"
#include "core/Runtime.h"
#include "dispatch/QueueState.h"

DKSIM_CLASS_DEFINE_ABSTRACT(IODispatchQueue, OSObject)

namespace dksim {

QueueState &Access::queue(const IODispatchQueue *queue)
{
    IODispatchQueue *self = const_cast<IODispatchQueue *>(queue);
    if (self->state_ == nullptr) self->state_ = new QueueState();
    return *self->state_;
}

void Access::dropQueue(IODispatchQueue *queue)
{
    delete queue->state_;
    queue->state_ = nullptr;
}

/* A block copied for work queued on a queue, released when the work is destroyed — after it ran,
 * or when it was dropped unrun (a canceled queue, a runtime reset) — so that no path leaks it. */
class QueuedBlock
{
public:
    explicit QueuedBlock(IODispatchBlock block) : block_(Block_copy(block)) {}
    QueuedBlock(const QueuedBlock &) = delete;
    QueuedBlock &operator=(const QueuedBlock &) = delete;
    ~QueuedBlock() { Block_release(block_); }
    void operator()() const { block_(); }

private:
    IODispatchBlock block_;
};

/* Work runs later, from Runtime::pump, in FIFO order across all queues: every queue is serial and
 * the order is deterministic, which makes async runs replayable. */
static void Enqueue(IODispatchQueue *queue, std::function<void()> run)
{
    QueueState &state = Access::queue(queue);
    Runtime &runtime = Runtime::get();
    if (state.canceled) {
        runtime.appendLog(std::string("dksim: work dispatched to canceled queue ") + state.name + " dropped");
        return;
    }
    queue->retain();
    runtime.enqueue({queue, queue->dksimOwnerConnection(), [queue, run = std::move(run)] {
                         QueueState &running = Access::queue(queue);
                         running.running++;
                         run();
                         running.running--;
                     }});
}

} // namespace dksim

using dksim::Access;

kern_return_t IODispatchQueue::Create(const IODispatchQueueName name, uint64_t, uint64_t, IODispatchQueue **queue)
{
    if (queue == nullptr) return kIOReturnBadArgument;
    IODispatchQueue *created = dksim::NewTracked<IODispatchQueue>();
    Access::queue(created).name = name ? name : "";
    *queue = created;
    return kIOReturnSuccess;
}

bool IODispatchQueue::init() { return OSObject::init(); }

void IODispatchQueue::free()
{
    Access::dropQueue(this);
    OSObject::free();
}

bool IODispatchQueue::OnQueue() { return Access::queue(this).running > 0; }

const char *IODispatchQueue::GetName() { return Access::queue(this).name.c_str(); }

kern_return_t IODispatchQueue::Cancel(IODispatchQueueCancelHandler handler)
{
    dksim::QueueState &state = Access::queue(this);
    if (state.canceled) return kIOReturnSuccess;
    /* The handler runs after the work already queued, then the queue takes no more. */
    if (handler) {
        auto queued = std::make_shared<dksim::QueuedBlock>(handler);
        dksim::Enqueue(this, [queued] { (*queued)(); });
    }
    state.canceled = true;
    return kIOReturnSuccess;
}

void IODispatchQueue::DispatchAsync(IODispatchBlock block)
{
    if (block == nullptr) return;
    auto queued = std::make_shared<dksim::QueuedBlock>(block);
    dksim::Enqueue(this, [queued] { (*queued)(); });
}

void IODispatchQueue::DispatchAsync_f(void *context, IODispatchFunction function)
{
    if (function == nullptr) return;
    dksim::Enqueue(this, [context, function] { function(context); });
}

/* Everything runs under the runtime's lock, so the caller already excludes the queue's other work. */
void IODispatchQueue::DispatchSync(IODispatchBlock block)
{
    if (block == nullptr) return;
    dksim::QueueState &state = Access::queue(this);
    state.running++;
    block();
    state.running--;
}

void IODispatchQueue::DispatchSync_f(void *context, IODispatchFunction function)
{
    if (function == nullptr) return;
    dksim::QueueState &state = Access::queue(this);
    state.running++;
    function(context);
    state.running--;
}

kern_return_t IODispatchQueue::RunAction(IODispatchAction action)
{
    if (action == nullptr) return kIOReturnBadArgument;
    return action();
}

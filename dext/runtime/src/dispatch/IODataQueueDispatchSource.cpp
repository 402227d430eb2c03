/*
 * IODataQueueDispatchSource: the queue discipline the .iig documents (Peek, Dequeue, Enqueue and their
 * return codes) over the shared layout of IODataQueueClient.h / IODataQueueShared.h. Head, tail and
 * every entry's size live in memory the app can write, so each is checked before it is used: a
 * corrupt value is kIOReturnError, never an access outside the memory.
 */
#include <DriverKit/IODataQueueDispatchSource.h>

#include <Block.h>
#include <string.h>

#include "core/ObjectTracker.h"
#include "core/Runtime.h"
#include "dispatch/DataQueueLayout.h"
#include "dispatch/DataQueueMemories.h"

DKSIM_CLASS_DEFINE_ABSTRACT(IODataQueueDispatchSource, IODispatchSource)

namespace {

using namespace dksim::dataqueue;

/* An entry's data is padded to 4 bytes. */
uint64_t Padded(uint64_t size) { return (size + 3) & ~(uint64_t)3; }

/* The queue memory and its head and tail as one read found them (the app may change them after). */
struct QueueView {
    uint8_t *queue;
    uint8_t *entries;
    uint64_t head;
    uint64_t tail;
};

QueueView View(uint8_t *queue)
{
    return {queue, queue + kHeaderBytes, Load(queue + kHeadOffset), Load(queue + kTailOffset)};
}

void RunLater(IODispatchSourceCancelHandler handler)
{
    if (!handler) return;
    IODispatchSourceCancelHandler copied = Block_copy(handler);
    dksim::Runtime &runtime = dksim::Runtime::get();
    runtime.enqueue({nullptr, runtime.currentConnection, [copied] {
                         copied();
                         Block_release(copied);
                     }});
}

} // namespace

kern_return_t IODataQueueDispatchSource::Create(uint64_t queueByteCount, IODispatchQueue *queue,
                                                IODataQueueDispatchSource **source)
{
    if (source == nullptr) return kIOReturnBadArgument;
    *source = nullptr;
    /* (inferred, as IOKit's data queues) head and tail are uint32_t offsets and entries are 4-byte
     * aligned: a size that is not a multiple of 4, or that would not fit them, is refused. */
    if ((queueByteCount & 3) != 0 || queueByteCount > UINT32_MAX - kHeaderBytes) return kIOReturnBadArgument;
    IOBufferMemoryDescriptor *memory = nullptr;
    kern_return_t ret =
        IOBufferMemoryDescriptor::Create(kIOMemoryDirectionInOut, queueByteCount + kHeaderBytes, 0, &memory);
    if (ret != kIOReturnSuccess) return ret;
    IODataQueueDispatchSource *created = dksim::NewTracked<IODataQueueDispatchSource>();
    created->memory_ = memory; /* zeroed: head == tail == 0, an empty queue */
    created->entryBytes_ = queueByteCount;
    dksim::RegisterDataQueueMemory(memory, created);
    if (queue) {
        queue->retain();
        created->queue_ = queue;
    }
    *source = created;
    return kIOReturnSuccess;
}

size_t IODataQueueDispatchSource::GetDataQueueEntryHeaderSize() { return kEntryHeaderBytes; }

bool IODataQueueDispatchSource::init() { return IODispatchSource::init(); }

void IODataQueueDispatchSource::free()
{
    dropHandlers();
    if (memory_) dksim::UnregisterDataQueueMemory(memory_);
    if (memory_) memory_->release();
    memory_ = nullptr;
    if (queue_) queue_->release();
    queue_ = nullptr;
    IODispatchSource::free();
}

kern_return_t IODataQueueDispatchSource::SetEnableWithCompletion(bool enable, IODispatchSourceCancelHandler handler)
{
    enabled_ = enable;
    RunLater(handler);
    return kIOReturnSuccess;
}

kern_return_t IODataQueueDispatchSource::Cancel(IODispatchSourceCancelHandler handler)
{
    canceled_ = true;
    /* IODataQueueDispatchSource.iig: the handlers' actions are retained "until SetHandler is called
     * again or the event source is cancelled". */
    dropHandlers();
    RunLater(handler);
    return kIOReturnSuccess;
}

kern_return_t IODataQueueDispatchSource::CopyMemory(IOMemoryDescriptor **memory)
{
    if (memory == nullptr) return kIOReturnBadArgument;
    *memory = memory_;
    if (memory_ == nullptr) return kIOReturnNotReady;
    memory_->retain();
    return kIOReturnSuccess;
}

uint8_t *IODataQueueDispatchSource::base() const { return memory_ ? memory_->dksimBytes() : nullptr; }

bool IODataQueueDispatchSource::IsDataAvailable(void)
{
    uint8_t *queue = base();
    return queue && Load(queue + kHeadOffset) != Load(queue + kTailOffset);
}

kern_return_t IODataQueueDispatchSource::Peek(IODataQueueClientDequeueEntryBlock callback)
{
    return next(false, nullptr, callback);
}

kern_return_t IODataQueueDispatchSource::Dequeue(IODataQueueClientDequeueEntryBlock callback)
{
    bool serviced = false;
    kern_return_t ret = DequeueWithCoalesce(&serviced, callback);
    if (serviced) SendDataServiced();
    return ret;
}

kern_return_t IODataQueueDispatchSource::DequeueWithCoalesce(bool *sendDataServiced,
                                                             IODataQueueClientDequeueEntryBlock callback)
{
    return next(true, sendDataServiced, callback);
}

/*
 * The entry at head: where it lies, whether it had to wrap, and that it fits. An entry whose header or
 * data would not fit before the end of the area was written at offset 0 (the producer wraps); its size
 * must then fit the area too.
 */
kern_return_t IODataQueueDispatchSource::next(bool consume, bool *sendDataServiced,
                                              IODataQueueClientDequeueEntryBlock callback)
{
    if (base() == nullptr) return kIOReturnNoMemory;
    auto [queue, entries, head, tail] = View(base());
    bool needServiced = queue[kNeedServicedOffset] != 0;
    if (head == tail) {
        if (consume && needServiced && sendDataServiced) *sendDataServiced = true;
        return kIOReturnUnderrun;
    }
    if (head > entryBytes_) return kIOReturnError;
    uint64_t at = head;
    bool headerFits = head + kEntryHeaderBytes <= entryBytes_;
    uint64_t size = headerFits ? Load(entries + head) : 0;
    bool fitsAtHead = headerFits && head + kEntryHeaderBytes + Padded(size) <= entryBytes_;
    if (!fitsAtHead) {
        at = 0;
        size = Load(entries);
        if (kEntryHeaderBytes + Padded(size) > entryBytes_) return kIOReturnError;
    }
    if (callback) callback(entries + at + kEntryHeaderBytes, (size_t)size);
    if (!consume) return kIOReturnSuccess;
    if (needServiced && sendDataServiced) *sendDataServiced = true;
    Store(queue + kHeadOffset, (uint32_t)(at + kEntryHeaderBytes + Padded(size)));
    return kIOReturnSuccess;
}

/* Where an entry of `entry` bytes goes. The tail never catches up with the head from behind (equal
 * means empty), so a full queue keeps at least one byte free. */
kern_return_t IODataQueueDispatchSource::room(uint64_t head, uint64_t tail, uint64_t entry, uint64_t *at,
                                              uint64_t *newTail) const
{
    if (head > entryBytes_ || tail > entryBytes_) return kIOReturnError;
    if (tail >= head) {
        if (entry <= entryBytes_ - tail) {
            *at = tail;
            *newTail = tail + entry;
            return kIOReturnSuccess;
        }
        if (head > entry) {
            *at = 0;
            *newTail = entry;
            return kIOReturnSuccess;
        }
        return kIOReturnOverrun;
    }
    if (head - tail > entry) {
        *at = tail;
        *newTail = tail + entry;
        return kIOReturnSuccess;
    }
    return kIOReturnOverrun;
}

kern_return_t IODataQueueDispatchSource::Enqueue(uint32_t dataSize, IODataQueueClientEnqueueEntryBlock callback)
{
    bool available = false;
    kern_return_t ret = EnqueueWithCoalesce(dataSize, &available, callback);
    if (available) SendDataAvailable();
    return ret;
}

kern_return_t IODataQueueDispatchSource::EnqueueWithCoalesce(uint32_t dataSize, bool *sendDataAvailable,
                                                             IODataQueueClientEnqueueEntryBlock callback)
{
    if (base() == nullptr) return kIOReturnNoMemory;
    auto [queue, entries, head, tail] = View(base());
    uint64_t at = 0;
    uint64_t newTail = 0;
    kern_return_t ret = room(head, tail, kEntryHeaderBytes + Padded(dataSize), &at, &newTail);
    if (ret == kIOReturnOverrun) {
        /* The consumer is asked to say when it made room (DataServiced). */
        queue[kNeedServicedOffset] = 1;
        if (sendDataAvailable) *sendDataAvailable = true;
        return ret;
    }
    if (ret != kIOReturnSuccess) return ret;
    if (at == 0 && tail != 0 && entryBytes_ - tail >= kEntryHeaderBytes)
        Store(entries + tail, dataSize); /* a size that does not fit tells the consumer to wrap */
    if (callback) callback(entries + at + kEntryHeaderBytes, dataSize);
    Store(entries + at, dataSize);
    Store(queue + kTailOffset, (uint32_t)newTail);
    /* The queue was empty: the consumer is told data is available. */
    if (tail == head && sendDataAvailable) *sendDataAvailable = true;
    return kIOReturnSuccess;
}

kern_return_t IODataQueueDispatchSource::CanEnqueueData(uint32_t dataSize) { return CanEnqueueData(dataSize, 1); }

kern_return_t IODataQueueDispatchSource::CanEnqueueData(uint32_t dataSize, uint32_t entryCount)
{
    uint8_t *queue = base();
    if (queue == nullptr) return kIOReturnNoMemory;
    uint64_t head = Load(queue + kHeadOffset);
    uint64_t tail = Load(queue + kTailOffset);
    uint64_t at = 0;
    /* Entries never overlap: more than the area holds cannot fit, whatever the offsets. */
    if ((kEntryHeaderBytes + Padded(dataSize)) * entryCount > entryBytes_) return kIOReturnOverrun;
    for (uint32_t k = 0; k < entryCount; k++) {
        kern_return_t ret = room(head, tail, kEntryHeaderBytes + Padded(dataSize), &at, &tail);
        if (ret != kIOReturnSuccess) return ret;
    }
    return kIOReturnSuccess;
}

bool IODataQueueDispatchSource::dksimOffsets(uint32_t *head, uint32_t *tail) const
{
    uint8_t *queue = base();
    if (queue == nullptr) return false;
    *head = Load(queue + kHeadOffset);
    *tail = Load(queue + kTailOffset);
    return true;
}

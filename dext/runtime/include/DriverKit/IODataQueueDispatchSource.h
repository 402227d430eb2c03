/*
 * IODataQueueDispatchSource (iokit/DriverKit/IODataQueueDispatchSource.iig): a queue of
 * variable-size entries in memory a dext shares with its app (CopyMemory, then the user client's
 * CopyClientMemoryForType). The memory is laid out as IOKit's data queues are (IODataQueueClient.h,
 * IODataQueueShared.h): a 128-byte header — uint32_t head, uint32_t tail (byte offsets into the
 * entry area), uint8_t needServicedCallback, reserved bytes — then queueByteCount bytes of entries,
 * each a uint32_t size followed by its data, padded to 4 bytes. The consumer moves head, the
 * producer tail; the queue is empty when they are equal.
 *
 * Notifications (dispatch/DataQueueHandlers.cpp): SendDataAvailable runs the DataAvailable action
 * and SendDataServiced the DataServiced action, as xnu's IODataQueueDispatchSourceShared.h does;
 * the app's stores into the queue's memory count as its enqueues and dequeues.
 */
#ifndef DKSIM_DRIVERKIT_IODATAQUEUEDISPATCHSOURCE_H
#define DKSIM_DRIVERKIT_IODATAQUEUEDISPATCHSOURCE_H

#include <stddef.h>

#include <DriverKit/IOBufferMemoryDescriptor.h>
#include <DriverKit/IODispatchQueue.h>
#include <DriverKit/IODispatchSource.h>
#include <DriverKit/OSAction.h>

/* IODataQueueDispatchSource.iig */
typedef void (^IODataQueueClientEnqueueEntryBlock)(void *data, size_t dataSize);
typedef void (^IODataQueueClientDequeueEntryBlock)(const void *data, size_t dataSize);

class IODataQueueDispatchSource : public IODispatchSource
{
    DKSIM_CLASS_DECLARE(IODataQueueDispatchSource, IODispatchSource)

public:
    /* queueByteCount: the entry area's size, a multiple of 4 (else kIOReturnBadArgument); the
     * shared memory is that plus the 128-byte header. The source comes with +1. */
    static kern_return_t Create(uint64_t queueByteCount, IODispatchQueue *queue, IODataQueueDispatchSource **source);
    /* The overhead of each entry (its uint32_t size). */
    static size_t GetDataQueueEntryHeaderSize();

    bool init() override;
    void free() override;
    kern_return_t SetEnableWithCompletion(bool enable, IODispatchSourceCancelHandler handler) override;
    kern_return_t Cancel(IODispatchSourceCancelHandler handler) override;

    /* IODataQueueDispatchSource.iig: the consumer's action, a TYPE(IODataQueueDispatchSource::
     * DataAvailable) one, retained until set again or the source is canceled; NULL clears it. As
     * xnu's SetDataAvailableHandler_Impl, setting it while entries are waiting delivers at once. */
    virtual kern_return_t SetDataAvailableHandler(OSAction *action);
    /* The producer's TYPE(IODataQueueDispatchSource::DataServiced) action, retained the same way;
     * it runs when a consumer dequeues after an Enqueue found the queue full. */
    virtual kern_return_t SetDataServicedHandler(OSAction *action);

    /* Consumer: true when head != tail. */
    bool IsDataAvailable(void);
    /* Consumer: kIOReturnSuccess after the callback saw the next entry, kIOReturnUnderrun when
     * empty, kIOReturnError when head, tail or an entry's size is corrupt (the app can write them). */
    kern_return_t Peek(IODataQueueClientDequeueEntryBlock callback);
    kern_return_t Dequeue(IODataQueueClientDequeueEntryBlock callback);
    kern_return_t DequeueWithCoalesce(bool *sendDataServiced, IODataQueueClientDequeueEntryBlock callback);
    /* Producer: the callback fills dataSize bytes in place; kIOReturnOverrun when full,
     * kIOReturnError when head or tail is corrupt. */
    kern_return_t Enqueue(uint32_t dataSize, IODataQueueClientEnqueueEntryBlock callback);
    kern_return_t EnqueueWithCoalesce(uint32_t dataSize, bool *sendDataAvailable,
                                      IODataQueueClientEnqueueEntryBlock callback);
    kern_return_t CanEnqueueData(uint32_t dataSize);
    kern_return_t CanEnqueueData(uint32_t dataSize, uint32_t entryCount);
    void SendDataAvailable(void);
    void SendDataServiced(void);

    /* The shared memory, +1 (private in the .iig; the user client returns it from
     * CopyClientMemoryForType). */
    virtual kern_return_t CopyMemory(IOMemoryDescriptor **memory);

private:
    IOBufferMemoryDescriptor *memory_ = nullptr;
    IODispatchQueue *queue_ = nullptr;
    uint64_t entryBytes_ = 0; /* queueByteCount */
    bool enabled_ = true;
    bool canceled_ = false;

    uint8_t *base() const;
    kern_return_t next(bool consume, bool *sendDataServiced, IODataQueueClientDequeueEntryBlock callback);
    kern_return_t room(uint64_t head, uint64_t tail, uint64_t entry, uint64_t *at, uint64_t *newTail) const;

    OSAction *dataAvailable_ = nullptr; /* retained until replaced, Cancel or free */
    OSAction *dataServiced_ = nullptr;
    /* Queues one notification on the action's queue (DataQueueHandlers.cpp). */
    void notify(OSAction *action, bool available);
    void dropHandlers();

public:
    /* Simulator: head and tail as the memory holds them now (false without memory). */
    bool dksimOffsets(uint32_t *head, uint32_t *tail) const;
    /* Simulator: what the app's stores did to the queue, as its IODataQueueClient would report them
     * (DataQueueHandlers.cpp); true when a handler was queued. */
    bool dksimAppStored(uint32_t headBefore, uint32_t tailBefore);
};

namespace dksim {
/* The data queue whose shared memory this is, or NULL: the app's stores into it are enqueues and
 * dequeues the dext hears about. */
IODataQueueDispatchSource *DataQueueOfMemory(const IOMemoryDescriptor *memory);
} // namespace dksim

#endif

/* IODataQueueDispatchSource's notifications, from a dext-like class whose .iig declares
 * TYPE(IODataQueueDispatchSource::DataAvailable) and TYPE(...::DataServiced) actions (QueueWatcher.iig,
 * through dkiig). The rules are xnu's iokit/Kernel/IODataQueueDispatchSourceShared.h: DataAvailable
 * when an Enqueue finds the queue empty or full, or when the handler is set while entries wait;
 * DataServiced when a Dequeue follows a full Enqueue. Each runs later, on the default queue of the
 * action's target (IODataQueueDispatchSource.iig: "the queue set for the target method of the
 * OSAction"), and the actions are retained until replaced or the source is canceled. */
#include "Collections.h"

#include <string.h>

#include <DriverKit/IODataQueueDispatchSource.h>

#include "QueueWatcher.h"

struct QueueWatcher_IVars {
    int available;
    int serviced;
    bool allOnDefaultQueue;
};

bool QueueWatcher::init()
{
    if (!super::init()) return false;
    ivars = IONewZero(QueueWatcher_IVars, 1);
    if (ivars == nullptr) return false;
    ivars->allOnDefaultQueue = true;
    return true;
}

void QueueWatcher::free()
{
    IOSafeDeleteNULL(ivars, QueueWatcher_IVars, 1);
    super::free();
}

/* Records each callback and whether it ran on this service's default queue. */
static bool OnDefaultQueue(IOService *service)
{
    IODispatchQueue *queue = nullptr;
    if (service->CopyDispatchQueue(kIOServiceDefaultQueueName, &queue) != kIOReturnSuccess) return false;
    bool on = queue->OnQueue();
    queue->release();
    return on;
}

void IMPL(QueueWatcher, DataAvailable)
{
    ivars->available++;
    ivars->allOnDefaultQueue = ivars->allOnDefaultQueue && OnDefaultQueue(this);
}

void IMPL(QueueWatcher, DataServiced)
{
    ivars->serviced++;
    ivars->allOnDefaultQueue = ivars->allOnDefaultQueue && OnDefaultQueue(this);
}

using collectionstest::Collections;

namespace {

/* Entry blocks that leave the bytes alone. */
const IODataQueueClientEnqueueEntryBlock kEnqueueAsIs = ^(void *, size_t) {};
const IODataQueueClientDequeueEntryBlock kDequeueUnread = ^(const void *, size_t) {};

class DataQueueHandlers : public Collections
{
protected:
    void SetUp() override
    {
        Collections::SetUp();
        watcher_ = new QueueWatcher();
        dksim::TrackObject(watcher_);
        ASSERT_TRUE(watcher_->init());
        ASSERT_EQ(kIOReturnSuccess, IODispatchQueue::Create("Source", 0, 0, &queue_));
        ASSERT_EQ(kIOReturnSuccess, IODataQueueDispatchSource::Create(64, queue_, &source_));
        ASSERT_EQ(kIOReturnSuccess, watcher_->CreateActionDataAvailable(0, &available_));
        ASSERT_EQ(kIOReturnSuccess, watcher_->CreateActionDataServiced(0, &serviced_));
    }
    void TearDown() override
    {
        OSSafeReleaseNULL(source_);
        OSSafeReleaseNULL(available_);
        OSSafeReleaseNULL(serviced_);
        OSSafeReleaseNULL(queue_);
        OSSafeReleaseNULL(watcher_);
        Collections::TearDown();
    }

    static void RunQueuedWork()
    {
        uint64_t advanced = 0;
        ASSERT_EQ(0, dksim_run_until_idle(0, &advanced));
    }
    kern_return_t Put(uint32_t size)
    {
        return source_->Enqueue(size, ^(void *data, size_t n) { memset(data, 0x5a, n); });
    }
    kern_return_t Take() { return source_->Dequeue(kDequeueUnread); }
    int Available() const { return watcher_->ivars->available; }
    int Serviced() const { return watcher_->ivars->serviced; }

    QueueWatcher *watcher_ = nullptr;
    IODispatchQueue *queue_ = nullptr;
    IODataQueueDispatchSource *source_ = nullptr;
    OSAction *available_ = nullptr;
    OSAction *serviced_ = nullptr;
};

TEST_F(DataQueueHandlers, DataAvailableRunsLaterOnceTheQueueIsNoLongerEmpty)
{
    ASSERT_EQ(kIOReturnSuccess, source_->SetDataAvailableHandler(available_));
    RunQueuedWork();
    EXPECT_EQ(0, Available()) << "an empty queue announces nothing";
    ASSERT_EQ(kIOReturnSuccess, Put(8));
    EXPECT_EQ(0, Available()) << "the action runs on its queue, after the Enqueue returned";
    RunQueuedWork();
    EXPECT_EQ(1, Available());
    ASSERT_EQ(kIOReturnSuccess, Put(8));
    RunQueuedWork();
    EXPECT_EQ(1, Available()) << "the queue was not empty: the consumer already knows";
    ASSERT_EQ(kIOReturnSuccess, Take());
    ASSERT_EQ(kIOReturnSuccess, Take());
    ASSERT_EQ(kIOReturnSuccess, Put(8));
    RunQueuedWork();
    EXPECT_EQ(2, Available()) << "emptied, then an entry again";
    EXPECT_EQ(0, Serviced());
    EXPECT_TRUE(watcher_->ivars->allOnDefaultQueue) << "the target's default queue, not the source's";
}

TEST_F(DataQueueHandlers, EnqueueWithCoalesceLeavesTheNotificationToSendDataAvailable)
{
    ASSERT_EQ(kIOReturnSuccess, source_->SetDataAvailableHandler(available_));
    bool send = false;
    ASSERT_EQ(kIOReturnSuccess, source_->EnqueueWithCoalesce(4, &send, kEnqueueAsIs));
    ASSERT_EQ(kIOReturnSuccess, source_->EnqueueWithCoalesce(4, &send, kEnqueueAsIs));
    EXPECT_TRUE(send);
    RunQueuedWork();
    EXPECT_EQ(0, Available());
    source_->SendDataAvailable();
    RunQueuedWork();
    EXPECT_EQ(1, Available());
}

TEST_F(DataQueueHandlers, SettingTheHandlerWhileEntriesWaitAnnouncesThem)
{
    ASSERT_EQ(kIOReturnSuccess, Put(8));
    RunQueuedWork();
    ASSERT_EQ(kIOReturnSuccess, source_->SetDataAvailableHandler(available_));
    RunQueuedWork();
    EXPECT_EQ(1, Available());
}

TEST_F(DataQueueHandlers, DataServicedRunsWhenADequeueFollowsAFullEnqueue)
{
    ASSERT_EQ(kIOReturnSuccess, source_->SetDataServicedHandler(serviced_));
    for (int k = 0; k < 3; k++) ASSERT_EQ(kIOReturnSuccess, Put(16)); /* 60 of 64 bytes */
    ASSERT_EQ(kIOReturnSuccess, Take());
    RunQueuedWork();
    EXPECT_EQ(0, Serviced()) << "nobody waited for room";
    ASSERT_EQ(kIOReturnOverrun, Put(16)) << "the tail may not reach the head at 20";
    RunQueuedWork();
    EXPECT_EQ(0, Serviced());
    ASSERT_EQ(kIOReturnSuccess, Take());
    EXPECT_EQ(0, Serviced()) << "later, on the action's queue";
    RunQueuedWork();
    EXPECT_EQ(1, Serviced());
    ASSERT_EQ(kIOReturnSuccess, Take());
    RunQueuedWork();
    EXPECT_EQ(1, Serviced()) << "SendDataServiced cleared needServicedCallback";
    EXPECT_TRUE(watcher_->ivars->allOnDefaultQueue);
}

TEST_F(DataQueueHandlers, AFullEnqueueAlsoSendsDataAvailable)
{
    /* xnu EnqueueWithCoalesce: on overrun it asks for DataServiced and sets *sendDataAvailable, so
     * a consumer that fell behind is told again. */
    for (int k = 0; k < 3; k++) ASSERT_EQ(kIOReturnSuccess, Put(16));
    ASSERT_EQ(kIOReturnSuccess, source_->SetDataAvailableHandler(available_));
    RunQueuedWork();
    EXPECT_EQ(1, Available()) << "set while entries wait";
    ASSERT_EQ(kIOReturnOverrun, Put(16));
    RunQueuedWork();
    EXPECT_EQ(2, Available());
}

TEST_F(DataQueueHandlers, TheAppsStoresAreItsEnqueuesAndDequeues)
{
    /* What the runtime does after the app wrote through its mapping (dksim_memory_write). */
    ASSERT_EQ(kIOReturnSuccess, source_->SetDataAvailableHandler(available_));
    ASSERT_EQ(kIOReturnSuccess, source_->SetDataServicedHandler(serviced_));
    IOMemoryDescriptor *memory = nullptr;
    ASSERT_EQ(kIOReturnSuccess, source_->CopyMemory(&memory));
    uint8_t *bytes = memory->dksimBytes();
    uint32_t head = 0, tail = 0;
    ASSERT_TRUE(source_->dksimOffsets(&head, &tail));
    uint32_t entry[2] = {4, 0x01020304}; /* size, then 4 bytes of data */
    memcpy(bytes + 128, entry, sizeof entry);
    uint32_t newTail = 8;
    memcpy(bytes + 4, &newTail, 4);
    EXPECT_TRUE(source_->dksimAppStored(head, tail));
    RunQueuedWork();
    EXPECT_EQ(1, Available()) << "the app enqueued into an empty queue";
    for (int k = 0; k < 2; k++) ASSERT_EQ(kIOReturnSuccess, Put(16));
    EXPECT_EQ(kIOReturnOverrun, Put(16)) << "8 + 3 * 20 > 64";
    ASSERT_TRUE(source_->dksimOffsets(&head, &tail));
    uint32_t newHead = 8;
    memcpy(bytes + 0, &newHead, 4);
    EXPECT_TRUE(source_->dksimAppStored(head, tail));
    RunQueuedWork();
    EXPECT_EQ(1, Serviced()) << "the app dequeued while the dext waited for room";
    memory->release();
}

TEST_F(DataQueueHandlers, CancelDropsTheActionsAndWhatWasQueued)
{
    ASSERT_EQ(kIOReturnSuccess, source_->SetDataAvailableHandler(available_));
    ASSERT_EQ(kIOReturnSuccess, source_->SetDataServicedHandler(serviced_));
    EXPECT_EQ(2u, RetainCount(available_)) << "the source holds the action";
    ASSERT_EQ(kIOReturnSuccess, Put(8));
    ASSERT_EQ(kIOReturnSuccess, source_->Cancel(nullptr));
    EXPECT_EQ(1u, RetainCount(serviced_)) << "released at Cancel";
    RunQueuedWork();
    EXPECT_EQ(0, Available()) << "queued before the cancel, dropped after it";
    EXPECT_EQ(1u, RetainCount(available_));
}

TEST_F(DataQueueHandlers, ReplacingOrClearingAHandlerReleasesTheOldAction)
{
    ASSERT_EQ(kIOReturnSuccess, source_->SetDataAvailableHandler(available_));
    OSAction *other = nullptr;
    ASSERT_EQ(kIOReturnSuccess, watcher_->CreateActionDataAvailable(0, &other));
    ASSERT_EQ(kIOReturnSuccess, source_->SetDataAvailableHandler(other));
    EXPECT_EQ(1u, RetainCount(available_));
    ASSERT_EQ(kIOReturnSuccess, source_->SetDataAvailableHandler(nullptr));
    EXPECT_EQ(1u, RetainCount(other));
    ASSERT_EQ(kIOReturnSuccess, Put(8));
    RunQueuedWork();
    EXPECT_EQ(0, Available());
    other->release();
}

TEST_F(DataQueueHandlers, APlainOSActionIgnoresTheCallbacks)
{
    OSAction *plain = nullptr;
    ASSERT_EQ(kIOReturnSuccess, OSAction::Create(watcher_, 0, 0, 0, &plain));
    ASSERT_EQ(kIOReturnSuccess, source_->SetDataAvailableHandler(plain));
    ASSERT_EQ(kIOReturnSuccess, Put(8));
    RunQueuedWork();
    EXPECT_EQ(0, Available());
    plain->release();
}

} // namespace

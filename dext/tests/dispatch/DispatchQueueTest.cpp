/* IODispatchQueue with blocks (IODispatchQueue.iig: DispatchAsync, DispatchSync, Cancel, OnQueue):
 * async work runs later, when the runtime's event loop runs, in the order it was queued; a block's
 * captures are copied when it is queued (Block_copy), so the caller's stack may be gone by then;
 * DispatchSync runs at once; a canceled queue runs its handler after the work already queued and
 * takes nothing more. */
#include "Collections.h"

#include <DriverKit/IODispatchQueue.h>

#include <string>
#include <vector>

using collectionstest::Collections;

namespace {

class DispatchQueue : public Collections
{
protected:
    void SetUp() override
    {
        Collections::SetUp();
        ASSERT_EQ(kIOReturnSuccess, IODispatchQueue::Create("Test", 0, 0, &queue_));
    }
    void TearDown() override
    {
        OSSafeReleaseNULL(queue_);
        Collections::TearDown();
    }

    static void RunQueuedWork()
    {
        uint64_t advanced = 0;
        ASSERT_EQ(0, dksim_run_until_idle(0, &advanced));
    }

    IODispatchQueue *queue_ = nullptr;
};

TEST_F(DispatchQueue, AsyncBlocksRunLaterInTheOrderQueued)
{
    __block std::vector<int> ran;
    queue_->DispatchAsync(^{ ran.push_back(1); });
    queue_->DispatchAsync(^{ ran.push_back(2); });
    EXPECT_TRUE(ran.empty()) << "nothing runs before the event loop does";
    RunQueuedWork();
    EXPECT_EQ((std::vector<int>{1, 2}), ran);
}

TEST_F(DispatchQueue, ABlocksCapturesAreCopiedWhenQueued)
{
    __block std::string seen;
    {
        std::string local = "captured";
        const char *text = local.c_str();
        std::string copy = text;
        queue_->DispatchAsync(^{ seen = copy; });
    } /* local and copy are gone; the block holds its own copy */
    RunQueuedWork();
    EXPECT_EQ("captured", seen);
}

TEST_F(DispatchQueue, WorkKnowsItIsOnItsQueue)
{
    __block bool onQueue = false;
    EXPECT_FALSE(queue_->OnQueue());
    IODispatchQueue *queue = queue_;
    queue_->DispatchAsync(^{ onQueue = queue->OnQueue(); });
    RunQueuedWork();
    EXPECT_TRUE(onQueue);
    EXPECT_FALSE(queue_->OnQueue());
}

TEST_F(DispatchQueue, SyncBlocksRunAtOnceOnTheQueue)
{
    __block bool ran = false;
    __block bool onQueue = false;
    IODispatchQueue *queue = queue_;
    queue_->DispatchSync(^{
        ran = true;
        onQueue = queue->OnQueue();
    });
    EXPECT_TRUE(ran);
    EXPECT_TRUE(onQueue);
}

TEST_F(DispatchQueue, CancelRunsItsHandlerAfterQueuedWorkThenTakesNothing)
{
    __block std::vector<std::string> ran;
    queue_->DispatchAsync(^{ ran.push_back("work"); });
    ASSERT_EQ(kIOReturnSuccess, queue_->Cancel(^{ ran.push_back("canceled"); }));
    queue_->DispatchAsync(^{ ran.push_back("after cancel"); });
    RunQueuedWork();
    EXPECT_EQ((std::vector<std::string>{"work", "canceled"}), ran);
}

TEST_F(DispatchQueue, ANullBlockIsIgnored)
{
    queue_->DispatchAsync(nullptr);
    queue_->DispatchSync(nullptr);
    RunQueuedWork();
}

TEST_F(DispatchQueue, QueuedWorkKeepsItsQueueAlive)
{
    __block bool ran = false;
    queue_->DispatchAsync(^{ ran = true; });
    OSSafeReleaseNULL(queue_); /* the caller's reference is gone; the queued work holds its own */
    RunQueuedWork();
    EXPECT_TRUE(ran);
}

} // namespace

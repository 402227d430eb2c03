/* IODataQueueDispatchSource against the runtime directly: the IODataQueueMemory layout
 * (IODataQueueClient.h: head, tail, entries of a uint32_t size and 4-byte padded data), the return
 * codes of IODataQueueDispatchSource.iig, and a queue whose head, tail or sizes the app corrupted
 * (it can write them through its mapping): kIOReturnError, never an access outside the memory. */
#include "Collections.h"

#include <string.h>

#include <DriverKit/IODataQueueDispatchSource.h>

using collectionstest::Collections;

namespace {

using DataQueue = Collections;

constexpr uint64_t kHeader = 128;

struct Queue {
    IODataQueueDispatchSource *source = nullptr;
    IOMemoryDescriptor *memory = nullptr;
    uint8_t *bytes = nullptr;

    explicit Queue(uint64_t size)
    {
        EXPECT_EQ(kIOReturnSuccess, IODataQueueDispatchSource::Create(size, nullptr, &source));
        EXPECT_EQ(kIOReturnSuccess, source->CopyMemory(&memory));
        bytes = memory->dksimBytes();
    }
    ~Queue()
    {
        memory->release();
        source->release();
    }
    uint32_t At(uint64_t offset) const
    {
        uint32_t value;
        memcpy(&value, bytes + offset, 4);
        return value;
    }
    void Set(uint64_t offset, uint32_t value) { memcpy(bytes + offset, &value, 4); }
    kern_return_t Put(uint32_t size, uint8_t fill)
    {
        return source->Enqueue(size, ^(void *data, size_t n) { memset(data, fill, n); });
    }
    kern_return_t Take(uint32_t *size, uint8_t *first)
    {
        __block uint32_t seen = 0;
        __block uint8_t byte = 0;
        kern_return_t ret = source->Dequeue(^(const void *data, size_t n) {
            seen = (uint32_t)n;
            byte = n ? *(const uint8_t *)data : 0;
        });
        *size = seen;
        *first = byte;
        return ret;
    }
};

TEST_F(DataQueue, CreateRefusesSizesThatAreNotWholeWords)
{
    IODataQueueDispatchSource *source = nullptr;
    EXPECT_EQ(kIOReturnBadArgument, IODataQueueDispatchSource::Create(6, nullptr, &source));
    EXPECT_EQ(kIOReturnBadArgument, IODataQueueDispatchSource::Create(UINT32_MAX, nullptr, &source));
    EXPECT_EQ(kIOReturnBadArgument, IODataQueueDispatchSource::Create(64, nullptr, nullptr));
    EXPECT_EQ(4u, IODataQueueDispatchSource::GetDataQueueEntryHeaderSize());
}

TEST_F(DataQueue, EntriesAreASizeThenPaddedData)
{
    Queue queue(64);
    uint64_t length = 0;
    queue.memory->GetLength(&length);
    EXPECT_EQ(kHeader + 64, length);
    EXPECT_FALSE(queue.source->IsDataAvailable());
    ASSERT_EQ(kIOReturnSuccess, queue.Put(5, 0xaa));
    EXPECT_TRUE(queue.source->IsDataAvailable());
    EXPECT_EQ(0u, queue.At(0)) << "head";
    EXPECT_EQ(12u, queue.At(4)) << "tail: 4 + 5 padded to 8";
    EXPECT_EQ(5u, queue.At(kHeader));
    EXPECT_EQ(0xaa, queue.bytes[kHeader + 4]);
    uint32_t size = 0;
    uint8_t first = 0;
    ASSERT_EQ(kIOReturnSuccess, queue.Take(&size, &first));
    EXPECT_EQ(5u, size);
    EXPECT_EQ(0xaa, first);
    EXPECT_EQ(12u, queue.At(0));
    EXPECT_EQ(kIOReturnUnderrun, queue.Take(&size, &first));
}

TEST_F(DataQueue, AFullQueueOverrunsAndAWrappedEntryIsReadFromTheStart)
{
    Queue queue(64);
    for (int k = 0; k < 3; k++) ASSERT_EQ(kIOReturnSuccess, queue.Put(16, (uint8_t)k)); /* 60 bytes */
    EXPECT_EQ(kIOReturnOverrun, queue.Put(16, 9));
    EXPECT_EQ(1, queue.bytes[8]) << "needServicedCallback";
    uint32_t size = 0;
    uint8_t first = 0;
    ASSERT_EQ(kIOReturnSuccess, queue.Take(&size, &first));
    EXPECT_EQ(0, first);
    EXPECT_EQ(kIOReturnOverrun, queue.Put(16, 9)) << "at offset 0 the tail would meet the head at 20: full";
    ASSERT_EQ(kIOReturnSuccess, queue.Take(&size, &first));
    EXPECT_EQ(1, first);
    ASSERT_EQ(kIOReturnSuccess, queue.Put(16, 7)) << "wraps to offset 0, before the head at 40";
    EXPECT_EQ(20u, queue.At(4));
    ASSERT_EQ(kIOReturnSuccess, queue.Take(&size, &first));
    EXPECT_EQ(2, first);
    ASSERT_EQ(kIOReturnSuccess, queue.Take(&size, &first)) << "the size left at the end says: wrap";
    EXPECT_EQ(7, first);
    EXPECT_EQ(16u, size);
    EXPECT_EQ(kIOReturnUnderrun, queue.Take(&size, &first));
}

TEST_F(DataQueue, PeekLeavesTheEntry)
{
    Queue queue(64);
    ASSERT_EQ(kIOReturnSuccess, queue.Put(4, 3));
    __block size_t seen = 0;
    EXPECT_EQ(kIOReturnSuccess, queue.source->Peek(^(const void *, size_t n) { seen = n; }));
    EXPECT_EQ(4u, seen);
    EXPECT_TRUE(queue.source->IsDataAvailable());
}

TEST_F(DataQueue, CorruptOffsetsAndSizesAreErrorsNotAccesses)
{
    Queue queue(64);
    ASSERT_EQ(kIOReturnSuccess, queue.Put(4, 3));
    uint32_t size = 0;
    uint8_t first = 0;
    queue.Set(kHeader, 0xfffffff0); /* the entry's size */
    EXPECT_EQ(kIOReturnError, queue.Take(&size, &first));
    queue.Set(0, 1000); /* head past the area */
    EXPECT_EQ(kIOReturnError, queue.Take(&size, &first));
    EXPECT_EQ(kIOReturnError, queue.Put(4, 1));
    queue.Set(0, 0);
    queue.Set(4, 0xffffffff); /* tail past the area */
    EXPECT_EQ(kIOReturnError, queue.Put(4, 1));
    EXPECT_EQ(kIOReturnError, queue.source->CanEnqueueData(4));
}

TEST_F(DataQueue, CanEnqueueDataCountsEntries)
{
    Queue queue(64);
    EXPECT_EQ(kIOReturnSuccess, queue.source->CanEnqueueData(12, 4)); /* 64 bytes: the tail may end at the end */
    EXPECT_EQ(kIOReturnOverrun, queue.source->CanEnqueueData(12, 5));
    EXPECT_EQ(kIOReturnOverrun, queue.source->CanEnqueueData(4, UINT32_MAX));
}

TEST_F(DataQueue, NothingIsLeaked)
{
    {
        Queue queue(64);
    }
    EXPECT_EQ(0, dksim_live_objects("IODataQueueDispatchSource"));
    EXPECT_EQ(0, dksim_live_objects("IOBufferMemoryDescriptor"));
}

} // namespace

/*
 * What the app and SharedMemoryUserClient share (IOConnectMapMemory64 types):
 *  type 0  the request region, read-write, RequestRegionBytes long (Info.plist, 256):
 *            offset 0  u32 count    values Sum adds (at most what the region holds)
 *            offset 4  u32 index    the table entry Lookup returns
 *            offset 8  u64 values[]
 *  type 1  the event queue (an IODataQueueDispatchSource of EventQueueBytes, 1024), read-only:
 *          every event is 16 bytes, u64 sequence and u64 value
 *  other   kIOReturnBadArgument
 *
 * Selectors (a dispatch table checks each shape; see spec.yaml):
 *  0 Sum     scalarOutput[0] = the sum of the region's first `count` values, posts {seq, sum}
 *  1 Lookup  scalarOutput[0] = table[index] of an 8-entry table. THE PLANTED BUG: index comes from
 *            the shared region and is used unchecked (a heap-buffer-overflow read for index >= 8)
 *  2 Post    posts {seq, scalarInput[0]}; scalarOutput[0] = 1 when queued, 0 when the queue is full
 *  3 Stats   scalarOutput = [calls so far, events posted, region bytes, history entries], counted in
 *            an OSDictionary of OSNumbers; the last 16 posted values are kept in an OSArray
 */
#include <os/log.h>
#include <DriverKit/IOLib.h>
#include <DriverKit/IOUserClient.h>
#include <DriverKit/IOBufferMemoryDescriptor.h>
#include <DriverKit/IODataQueueDispatchSource.h>
#include <DriverKit/OSCollections.h>

#include "SharedMemoryUserClient.h"

namespace {

constexpr uint64_t kRequestRegion = 0;
constexpr uint64_t kEventQueue = 1;
constexpr uint32_t kTableEntries = 8;
constexpr uint32_t kHistoryEntries = 16;
constexpr uint64_t kDefaultRegionBytes = 256;
constexpr uint64_t kDefaultQueueBytes = 1024;

struct Event {
    uint64_t sequence;
    uint64_t value;
};

} // namespace

struct SharedMemoryUserClient_IVars {
    IOBufferMemoryDescriptor* region = nullptr;
    uint8_t* regionBytes = nullptr;
    uint64_t regionLength = 0;
    IODispatchQueue* queue = nullptr;
    IODataQueueDispatchSource* events = nullptr;
    uint64_t* table = nullptr;          /* kTableEntries entries of its own heap block */
    OSDictionary* counters = nullptr;   /* "calls", "posted": OSNumber */
    OSArray* history = nullptr;         /* the last kHistoryEntries posted values */
    uint64_t sequence = 0;
};

static const IOUserClientMethodDispatch sMethods[] = {
    [0] = { .function = (IOUserClientMethodFunction)&SharedMemoryUserClient::Sum, .checkCompletionExists = false,
            .checkScalarInputCount = 0, .checkStructureInputSize = 0, .checkScalarOutputCount = 1, .checkStructureOutputSize = 0 },
    [1] = { .function = (IOUserClientMethodFunction)&SharedMemoryUserClient::Lookup, .checkCompletionExists = false,
            .checkScalarInputCount = 0, .checkStructureInputSize = 0, .checkScalarOutputCount = 1, .checkStructureOutputSize = 0 },
    [2] = { .function = (IOUserClientMethodFunction)&SharedMemoryUserClient::Post, .checkCompletionExists = false,
            .checkScalarInputCount = 1, .checkStructureInputSize = 0, .checkScalarOutputCount = 1, .checkStructureOutputSize = 0 },
    [3] = { .function = (IOUserClientMethodFunction)&SharedMemoryUserClient::Stats, .checkCompletionExists = false,
            .checkScalarInputCount = 0, .checkStructureInputSize = 0, .checkScalarOutputCount = 4, .checkStructureOutputSize = 0 },
};

static uint32_t ReadU32(const uint8_t* at)
{
    uint32_t value;
    memcpy(&value, at, sizeof value);
    return value;
}

static void Count(OSDictionary* counters, const char* key)
{
    OSDictionarySetUInt64Value(counters, key, OSDictionaryGetUInt64Value(counters, key) + 1);
}

bool SharedMemoryUserClient::init()
{
    if (!super::init()) return false;
    ivars = IONewZero(SharedMemoryUserClient_IVars, 1);
    if (ivars == nullptr) return false;
    ivars->table = IONewZero(uint64_t, kTableEntries);
    ivars->counters = OSDictionary::withCapacity(2);
    ivars->history = OSArray::withCapacity(kHistoryEntries);
    if (ivars->table == nullptr || ivars->counters == nullptr || ivars->history == nullptr) return false;
    for (uint32_t k = 0; k < kTableEntries; k++) ivars->table[k] = 100 + k;
    return true;
}

void SharedMemoryUserClient::free()
{
    if (ivars) {
        OSSafeReleaseNULL(ivars->region);
        OSSafeReleaseNULL(ivars->events);
        OSSafeReleaseNULL(ivars->queue);
        OSSafeReleaseNULL(ivars->counters);
        OSSafeReleaseNULL(ivars->history);
        IOSafeDeleteNULL(ivars->table, uint64_t, kTableEntries);
    }
    IOSafeDeleteNULL(ivars, SharedMemoryUserClient_IVars, 1);
    super::free();
}

/* The sizes come from this user client's registry properties, the personality's UserClientProperties. */
static uint64_t PropertyOr(OSDictionary* properties, const char* key, uint64_t fallback)
{
    OSNumber* number = properties ? OSDynamicCast(OSNumber, properties->getObject(key)) : nullptr;
    return number ? number->unsigned64BitValue() : fallback;
}

kern_return_t IMPL(SharedMemoryUserClient, Start)
{
    kern_return_t ret = Start(provider, SUPERDISPATCH);
    if (ret != kIOReturnSuccess) return ret;
    OSDictionary* properties = nullptr;
    uint64_t regionBytes = kDefaultRegionBytes;
    uint64_t queueBytes = kDefaultQueueBytes;
    if (CopyProperties(&properties) == kIOReturnSuccess) {
        regionBytes = PropertyOr(properties, "RequestRegionBytes", kDefaultRegionBytes);
        queueBytes = PropertyOr(properties, "EventQueueBytes", kDefaultQueueBytes);
        OSSafeReleaseNULL(properties);
    }
    if (regionBytes < 8) return kIOReturnBadArgument;
    ret = IOBufferMemoryDescriptor::Create(kIOMemoryDirectionInOut, regionBytes, 0, &ivars->region);
    if (ret != kIOReturnSuccess) return ret;
    IOAddressSegment range = {};
    ret = ivars->region->GetAddressRange(&range);
    if (ret != kIOReturnSuccess) return ret;
    ivars->regionBytes = (uint8_t*)(uintptr_t)range.address;
    ivars->regionLength = range.length;
    ret = IODispatchQueue::Create("SharedMemoryEvents", 0, 0, &ivars->queue);
    if (ret != kIOReturnSuccess) return ret;
    return IODataQueueDispatchSource::Create(queueBytes, ivars->queue, &ivars->events);
}

kern_return_t SharedMemoryUserClient::ExternalMethod(uint64_t selector, IOUserClientMethodArguments* arguments,
                                                     const IOUserClientMethodDispatch* dispatch, OSObject* target, void* reference)
{
    if (selector >= sizeof(sMethods) / sizeof(sMethods[0])) return kIOReturnUnsupported;
    Count(ivars->counters, "calls");
    return super::ExternalMethod(selector, arguments, &sMethods[selector], this, reference);
}

kern_return_t IMPL(SharedMemoryUserClient, CopyClientMemoryForType)
{
    if (options == nullptr || memory == nullptr) return kIOReturnBadArgument;
    switch (type) {
        case kRequestRegion:
            if (ivars->region == nullptr) return kIOReturnNotReady;
            ivars->region->retain();
            *memory = ivars->region;
            *options = 0;
            return kIOReturnSuccess;
        case kEventQueue:
            if (ivars->events == nullptr) return kIOReturnNotReady;
            *options = kIOUserClientMemoryReadOnly; /* the app only reads events */
            return ivars->events->CopyMemory(memory);
        default:
            return kIOReturnBadArgument;
    }
}

static bool PostEvent(SharedMemoryUserClient_IVars* ivars, uint64_t value)
{
    Event event = { ++ivars->sequence, value };
    kern_return_t ret = ivars->events->Enqueue(sizeof event, ^(void* data, size_t dataSize) {
        memcpy(data, &event, dataSize < sizeof event ? dataSize : sizeof event);
    });
    if (ret != kIOReturnSuccess) return false;
    Count(ivars->counters, "posted");
    if (ivars->history->getCount() >= kHistoryEntries) ivars->history->removeObject(0);
    OSNumber* number = OSNumber::withNumber(value, 64);
    ivars->history->setObject(number);
    OSSafeReleaseNULL(number);
    return true;
}

kern_return_t SharedMemoryUserClient::Sum(OSObject* target, void*, IOUserClientMethodArguments* arguments)
{
    SharedMemoryUserClient* self = OSDynamicCast(SharedMemoryUserClient, target);
    if (self == nullptr) return kIOReturnBadArgument;
    SharedMemoryUserClient_IVars* ivars = self->ivars;
    /* The count is the app's: bounded by what the region holds. */
    uint64_t capacity = (ivars->regionLength - 8) / sizeof(uint64_t);
    uint64_t count = ReadU32(ivars->regionBytes);
    if (count > capacity) count = capacity;
    uint64_t sum = 0;
    for (uint64_t k = 0; k < count; k++) {
        uint64_t value;
        memcpy(&value, ivars->regionBytes + 8 + k * sizeof value, sizeof value);
        sum += value;
    }
    arguments->scalarOutput[0] = sum;
    PostEvent(ivars, sum);
    return kIOReturnSuccess;
}

kern_return_t SharedMemoryUserClient::Lookup(OSObject* target, void*, IOUserClientMethodArguments* arguments)
{
    SharedMemoryUserClient* self = OSDynamicCast(SharedMemoryUserClient, target);
    if (self == nullptr) return kIOReturnBadArgument;
    SharedMemoryUserClient_IVars* ivars = self->ivars;
    uint32_t index = ReadU32(ivars->regionBytes + 4);
    arguments->scalarOutput[0] = ivars->table[index]; /* planted bug: index is never checked */
    return kIOReturnSuccess;
}

kern_return_t SharedMemoryUserClient::Post(OSObject* target, void*, IOUserClientMethodArguments* arguments)
{
    SharedMemoryUserClient* self = OSDynamicCast(SharedMemoryUserClient, target);
    if (self == nullptr) return kIOReturnBadArgument;
    arguments->scalarOutput[0] = PostEvent(self->ivars, arguments->scalarInput[0]) ? 1 : 0;
    return kIOReturnSuccess;
}

kern_return_t SharedMemoryUserClient::Stats(OSObject* target, void*, IOUserClientMethodArguments* arguments)
{
    SharedMemoryUserClient* self = OSDynamicCast(SharedMemoryUserClient, target);
    if (self == nullptr) return kIOReturnBadArgument;
    SharedMemoryUserClient_IVars* ivars = self->ivars;
    arguments->scalarOutput[0] = OSDictionaryGetUInt64Value(ivars->counters, "calls");
    arguments->scalarOutput[1] = OSDictionaryGetUInt64Value(ivars->counters, "posted");
    arguments->scalarOutput[2] = ivars->regionLength;
    arguments->scalarOutput[3] = ivars->history->getCount();
    return kIOReturnSuccess;
}

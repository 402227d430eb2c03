//
//  SequenceUserClient.cpp
//  SequenceDriver
//
//  What the app can ask (a dispatch table checks every selector's shape):
//   0 Lookup    scalarInput[0] = x; scalarOutput[0] = 3 * x, remembered for the last two inputs
//   1 Register  registers the completion every response is sent to
//   2 Request   scalarInput[0] = tag; a response [tag] comes 2 s later through the registered
//               callback; at most 64 responses pending per connection (the 65th: kIOReturnNoSpace);
//               before Register, kIOReturnNotReady
//
//  Three planted bugs (each marked PLANTED BUG below), none of which one call or one kind of call
//  alone reaches:
//  1. Lookup's memo of two entries answers the third new input on a connection with the value of
//     the entry it evicts: a wrong output from the third call on.
//  2. The timer is re-armed after a response only for a next one requested within half a second of
//     it (the author expected bursts): a second request made while the first is pending, but a
//     second or more after it, never completes.
//  3. A request refused because 64 are pending leaks the record it made for its response: only a
//     queue filled to its limit reaches the refusal.
//

#include <os/log.h>

#include <DriverKit/IOLib.h>
#include <DriverKit/IOTimerDispatchSource.h>
#include <DriverKit/IOUserClient.h>
#include <DriverKit/OSData.h>

#include <time.h>

#include "SequenceUserClient.h"

#define Log(fmt, ...) os_log(OS_LOG_DEFAULT, "SequenceDriver - " fmt "\n", ##__VA_ARGS__)

typedef enum
{
    ExternalMethodType_Lookup = 0,
    ExternalMethodType_Register = 1,
    ExternalMethodType_Request = 2,
    NumberOfExternalMethods // Keep last.
} ExternalMethodType;

static const uint32_t kMemoEntries = 2;
static const uint32_t kMaxPending = 64;
static const uint64_t kResponseDelayNanoseconds = 2000000000ULL;   // 2 s
static const uint64_t kBurstWindowNanoseconds = 500000000ULL;      // what the author took for "together"

const IOUserClientMethodDispatch externalMethodChecks[NumberOfExternalMethods] = {
    [ExternalMethodType_Lookup] =
    {
        .function = (IOUserClientMethodFunction) &SequenceUserClient::StaticLookup,
        .checkCompletionExists = false,
        .checkScalarInputCount = 1,
        .checkStructureInputSize = 0,
        .checkScalarOutputCount = 1,
        .checkStructureOutputSize = 0,
    },
    [ExternalMethodType_Register] =
    {
        .function = (IOUserClientMethodFunction) &SequenceUserClient::StaticRegister,
        .checkCompletionExists = true,
        .checkScalarInputCount = 0,
        .checkStructureInputSize = 0,
        .checkScalarOutputCount = 0,
        .checkStructureOutputSize = 0,
    },
    [ExternalMethodType_Request] =
    {
        .function = (IOUserClientMethodFunction) &SequenceUserClient::StaticRequest,
        .checkCompletionExists = kIOUserClientVariableStructureSize,
        .checkScalarInputCount = 1,
        .checkStructureInputSize = 0,
        .checkScalarOutputCount = 0,
        .checkStructureOutputSize = 0,
    },
};

typedef struct
{
    uint64_t key;
    uint64_t value;
} MemoEntry;

typedef struct
{
    uint64_t requestedAt;   // CLOCK_MONOTONIC_RAW, nanoseconds
    OSData* record;         // retained; the response's argument
} PendingResponse;

struct SequenceUserClient_IVars
{
    MemoEntry memo[kMemoEntries];
    uint32_t memoFilled = 0;
    uint32_t memoNext = 0;                      // the entry the next new input replaces
    OSAction* callback = nullptr;               // retained
    IODispatchQueue* queue = nullptr;           // retained; this object's default queue
    IOTimerDispatchSource* timer = nullptr;
    OSAction* timerAction = nullptr;            // calls ResponseDue
    PendingResponse pending[kMaxPending];       // a ring: oldest at pendingHead
    uint32_t pendingHead = 0;
    uint32_t pendingCount = 0;
    bool stopping = false;
};

bool SequenceUserClient::init()
{
    if (!super::init())
    {
        return false;
    }
    ivars = IONewZero(SequenceUserClient_IVars, 1);
    return ivars != nullptr;
}

kern_return_t IMPL(SequenceUserClient, Start)
{
    kern_return_t ret = Start(provider, SUPERDISPATCH);
    if (ret == kIOReturnSuccess)
    {
        ret = CopyDispatchQueue(kIOServiceDefaultQueueName, &ivars->queue);
    }
    if (ret == kIOReturnSuccess)
    {
        ret = IOTimerDispatchSource::Create(ivars->queue, &ivars->timer);
    }
    if (ret == kIOReturnSuccess)
    {
        ret = CreateActionResponseDue(0, &ivars->timerAction);
    }
    if (ret == kIOReturnSuccess)
    {
        ret = ivars->timer->SetHandler(ivars->timerAction);
    }
    if (ret != kIOReturnSuccess)
    {
        Log("Start() failed: 0x%08x.", ret);
    }
    return ret;
}

kern_return_t IMPL(SequenceUserClient, Stop)
{
    ivars->stopping = true;
    while (ivars->pendingCount > 0)
    {
        OSSafeReleaseNULL(ivars->pending[ivars->pendingHead].record);
        ivars->pendingHead = (ivars->pendingHead + 1) % kMaxPending;
        ivars->pendingCount--;
    }
    OSSafeReleaseNULL(ivars->callback);
    // The timer's action holds a reference to this object: canceling both lets the object go.
    if (ivars->timer != nullptr)
    {
        ivars->timer->Cancel(^{});
    }
    if (ivars->timerAction != nullptr)
    {
        ivars->timerAction->Cancel(^{});
    }
    return Stop(provider, SUPERDISPATCH);
}

void SequenceUserClient::free()
{
    if (ivars != nullptr)
    {
        OSSafeReleaseNULL(ivars->callback);
        OSSafeReleaseNULL(ivars->timerAction);
        OSSafeReleaseNULL(ivars->timer);
        OSSafeReleaseNULL(ivars->queue);
    }
    IOSafeDeleteNULL(ivars, SequenceUserClient_IVars, 1);
    super::free();
}

kern_return_t SequenceUserClient::ExternalMethod(uint64_t selector, IOUserClientMethodArguments* arguments, const IOUserClientMethodDispatch* dispatch, OSObject* target, void* reference)
{
    if (selector >= NumberOfExternalMethods)
    {
        return super::ExternalMethod(selector, arguments, nullptr, nullptr, nullptr);
    }
    return super::ExternalMethod(selector, arguments, &externalMethodChecks[selector], this, reference);
}

kern_return_t SequenceUserClient::StaticLookup(OSObject* target, void* reference, IOUserClientMethodArguments* arguments)
{
    SequenceUserClient* self = OSDynamicCast(SequenceUserClient, target);
    return self == nullptr ? kIOReturnError : self->Lookup(arguments);
}

kern_return_t SequenceUserClient::StaticRegister(OSObject* target, void* reference, IOUserClientMethodArguments* arguments)
{
    SequenceUserClient* self = OSDynamicCast(SequenceUserClient, target);
    return self == nullptr ? kIOReturnError : self->Register(arguments);
}

kern_return_t SequenceUserClient::StaticRequest(OSObject* target, void* reference, IOUserClientMethodArguments* arguments)
{
    SequenceUserClient* self = OSDynamicCast(SequenceUserClient, target);
    return self == nullptr ? kIOReturnError : self->Request(arguments);
}

kern_return_t SequenceUserClient::Lookup(IOUserClientMethodArguments* arguments)
{
    uint64_t key = arguments->scalarInput[0];
    for (uint32_t index = 0; index < ivars->memoFilled; ++index)
    {
        if (ivars->memo[index].key == key)
        {
            arguments->scalarOutput[0] = ivars->memo[index].value;
            return kIOReturnSuccess;
        }
    }

    MemoEntry computed = { key, key * 3 };
    if (ivars->memoFilled < kMemoEntries)
    {
        ivars->memo[ivars->memoFilled++] = computed;
        arguments->scalarOutput[0] = computed.value;
        return kIOReturnSuccess;
    }

    // PLANTED BUG: the evicted entry's value is answered instead of the new one.
    MemoEntry* evicted = &ivars->memo[ivars->memoNext];
    ivars->memoNext = (ivars->memoNext + 1) % kMemoEntries;
    arguments->scalarOutput[0] = evicted->value;
    *evicted = computed;
    return kIOReturnSuccess;
}

kern_return_t SequenceUserClient::Register(IOUserClientMethodArguments* arguments)
{
    if (ivars->stopping)
    {
        return kIOReturnOffline;
    }
    if (arguments->completion == nullptr)
    {
        return kIOReturnBadArgument;
    }
    // Retain the new completion before releasing the old one: they may be the same object.
    arguments->completion->retain();
    OSSafeReleaseNULL(ivars->callback);
    ivars->callback = arguments->completion;
    return kIOReturnSuccess;
}

kern_return_t SequenceUserClient::Request(IOUserClientMethodArguments* arguments)
{
    if (ivars->stopping)
    {
        return kIOReturnOffline;
    }
    if (ivars->callback == nullptr)
    {
        return kIOReturnNotReady;
    }

    uint64_t tag = arguments->scalarInput[0];
    OSData* record = OSData::withBytes(&tag, sizeof(tag));
    if (record == nullptr)
    {
        return kIOReturnNoMemory;
    }
    if (ivars->pendingCount >= kMaxPending)
    {
        // PLANTED BUG: the record is not released.
        Log("%u responses pending; refusing another.", ivars->pendingCount);
        return kIOReturnNoSpace;
    }

    uint64_t now = clock_gettime_nsec_np(CLOCK_MONOTONIC_RAW);
    PendingResponse* response = &ivars->pending[(ivars->pendingHead + ivars->pendingCount) % kMaxPending];
    response->requestedAt = now;
    response->record = record;
    if (ivars->pendingCount == 0)
    {
        kern_return_t ret = ivars->timer->WakeAtTime(kIOTimerClockMonotonicRaw, now + kResponseDelayNanoseconds, 0);
        if (ret != kIOReturnSuccess)
        {
            OSSafeReleaseNULL(response->record);
            return ret;
        }
    }
    ivars->pendingCount++;
    return kIOReturnSuccess;
}

void IMPL(SequenceUserClient, ResponseDue)
{
    if (ivars->stopping)
    {
        return;
    }
    uint64_t now = clock_gettime_nsec_np(CLOCK_MONOTONIC_RAW);
    uint64_t lastSent = 0;
    while (ivars->pendingCount > 0 && ivars->pending[ivars->pendingHead].requestedAt + kResponseDelayNanoseconds <= now)
    {
        PendingResponse* response = &ivars->pending[ivars->pendingHead];
        uint64_t tag = 0;
        memcpy(&tag, response->record->getBytesNoCopy(), sizeof(tag));
        lastSent = response->requestedAt;
        OSSafeReleaseNULL(response->record);
        ivars->pendingHead = (ivars->pendingHead + 1) % kMaxPending;
        ivars->pendingCount--;
        if (ivars->callback != nullptr)
        {
            AsyncCompletion(ivars->callback, kIOReturnSuccess, &tag, 1);
        }
    }
    if (ivars->pendingCount == 0)
    {
        return;
    }
    const PendingResponse* next = &ivars->pending[ivars->pendingHead];
    // PLANTED BUG: only a response requested together with the one just sent gets the timer again.
    if (next->requestedAt - lastSent < kBurstWindowNanoseconds)
    {
        ivars->timer->WakeAtTime(kIOTimerClockMonotonicRaw, next->requestedAt + kResponseDelayNanoseconds, 0);
    }
}

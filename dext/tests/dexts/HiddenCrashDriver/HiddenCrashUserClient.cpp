//
//  HiddenCrashUserClient.cpp
//  HiddenCrashDriver
//
//  Three planted memory bugs, none of them reached by a malformed call on its own:
//
//  1. Store (selector 0) keeps a heap copy of its 16-byte input. Stop frees that copy and so does
//     free(): a double free when a connection that stored something is closed — during a close
//     step, or when the app exits, never inside a call.
//  2. Watch (selector 1) keeps the completion it was called with but never retains it; the kernel
//     releases it when the call returns. The timer fires a second later and completes through the
//     freed OSAction: a use-after-free during a wait.
//  3. ExternalMethod's bound check is off by one: selector 2, the first past the table, reads the
//     dispatch entry after the table's end.
//
//  Every well-shaped call answers as the spec says, so rules about return codes and outputs hold.
//

#include <os/log.h>

#include <DriverKit/IOLib.h>
#include <DriverKit/IOTimerDispatchSource.h>
#include <DriverKit/IOUserClient.h>
#include <DriverKit/OSAction.h>

#include "HiddenCrashUserClient.h"

#define Log(fmt, ...) os_log(OS_LOG_DEFAULT, "HiddenCrashDriver - " fmt "\n", ##__VA_ARGS__)

typedef enum
{
    ExternalMethodType_Store = 0,
    ExternalMethodType_Watch = 1,
    NumberOfExternalMethods // Keep last.
} ExternalMethodType;

static const uint32_t kStoredSize = 16;
static const uint64_t kWatchNanoseconds = 1000000000ULL;

const IOUserClientMethodDispatch externalMethodChecks[NumberOfExternalMethods] = {
    [ExternalMethodType_Store] =
    {
        .function = (IOUserClientMethodFunction) &HiddenCrashUserClient::StaticHandleStore,
        .checkCompletionExists = false,
        .checkScalarInputCount = 0,
        .checkStructureInputSize = kStoredSize,
        .checkScalarOutputCount = 0,
        .checkStructureOutputSize = 0,
    },
    [ExternalMethodType_Watch] =
    {
        .function = (IOUserClientMethodFunction) &HiddenCrashUserClient::StaticHandleWatch,
        .checkCompletionExists = true,
        .checkScalarInputCount = 0,
        .checkStructureInputSize = 0,
        .checkScalarOutputCount = 0,
        .checkStructureOutputSize = 0,
    },
};

struct HiddenCrashUserClient_IVars
{
    uint8_t* stored = nullptr;                  // the last Store input
    OSAction* watch = nullptr;                  // NOT retained (bug 2)
    IODispatchQueue* dispatchQueue = nullptr;   // retained; this object's default queue
    IOTimerDispatchSource* timer = nullptr;
    OSAction* timerAction = nullptr;            // calls WatchFired
};

bool HiddenCrashUserClient::init()
{
    if (!super::init())
    {
        return false;
    }

    ivars = IONewZero(HiddenCrashUserClient_IVars, 1);
    return ivars != nullptr;
}

kern_return_t IMPL(HiddenCrashUserClient, Start)
{
    kern_return_t ret = Start(provider, SUPERDISPATCH);
    if (ret != kIOReturnSuccess)
    {
        Log("Start() - super::Start failed with error: 0x%08x.", ret);
        return ret;
    }

    ret = CopyDispatchQueue(kIOServiceDefaultQueueName, &ivars->dispatchQueue);
    if (ret == kIOReturnSuccess)
    {
        ret = IOTimerDispatchSource::Create(ivars->dispatchQueue, &ivars->timer);
    }
    if (ret == kIOReturnSuccess)
    {
        ret = CreateActionWatchFired(0, &ivars->timerAction);
    }
    if (ret == kIOReturnSuccess)
    {
        ret = ivars->timer->SetHandler(ivars->timerAction);
    }
    if (ret != kIOReturnSuccess)
    {
        Log("Start() - could not set up the watch timer: 0x%08x.", ret);
    }
    return ret;
}

kern_return_t IMPL(HiddenCrashUserClient, Stop)
{
    // Bug 1: the stored copy is freed here and again in free().
    if (ivars->stored != nullptr)
    {
        IOFree(ivars->stored, kStoredSize);
    }

    // The timer's action holds a reference to this object: canceling both lets the object go, and
    // no watch can fire for a closed connection.
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

void HiddenCrashUserClient::free()
{
    if (ivars != nullptr)
    {
        if (ivars->stored != nullptr)
        {
            IOFree(ivars->stored, kStoredSize);
            ivars->stored = nullptr;
        }
        OSSafeReleaseNULL(ivars->timerAction);
        OSSafeReleaseNULL(ivars->timer);
        OSSafeReleaseNULL(ivars->dispatchQueue);
    }
    IOSafeDeleteNULL(ivars, HiddenCrashUserClient_IVars, 1);
    super::free();
}

kern_return_t HiddenCrashUserClient::ExternalMethod(uint64_t selector, IOUserClientMethodArguments* arguments, const IOUserClientMethodDispatch* dispatch, OSObject* target, void* reference)
{
    // Bug 3: off by one; NumberOfExternalMethods itself indexes past the table.
    if (selector > NumberOfExternalMethods)
    {
        return super::ExternalMethod(selector, arguments, nullptr, nullptr, nullptr);
    }

    return super::ExternalMethod(selector, arguments, &externalMethodChecks[selector], this, reference);
}

kern_return_t HiddenCrashUserClient::StaticHandleStore(OSObject* target, void* reference, IOUserClientMethodArguments* arguments)
{
    HiddenCrashUserClient* self = OSDynamicCast(HiddenCrashUserClient, target);
    if (self == nullptr || arguments == nullptr)
    {
        return kIOReturnError;
    }

    return self->HandleStore(arguments);
}

kern_return_t HiddenCrashUserClient::StaticHandleWatch(OSObject* target, void* reference, IOUserClientMethodArguments* arguments)
{
    HiddenCrashUserClient* self = OSDynamicCast(HiddenCrashUserClient, target);
    if (self == nullptr || arguments == nullptr)
    {
        return kIOReturnError;
    }

    return self->HandleWatch(arguments);
}

kern_return_t HiddenCrashUserClient::HandleStore(IOUserClientMethodArguments* arguments)
{
    if (arguments->structureInput == nullptr || arguments->structureInput->getLength() != kStoredSize)
    {
        return kIOReturnBadArgument;
    }

    if (ivars->stored == nullptr)
    {
        ivars->stored = (uint8_t*) IOMalloc(kStoredSize);
        if (ivars->stored == nullptr)
        {
            return kIOReturnNoMemory;
        }
    }
    memcpy(ivars->stored, arguments->structureInput->getBytesNoCopy(), kStoredSize);
    return kIOReturnSuccess;
}

kern_return_t HiddenCrashUserClient::HandleWatch(IOUserClientMethodArguments* arguments)
{
    if (arguments->completion == nullptr)
    {
        return kIOReturnBadArgument;
    }

    // Bug 2: kept without a retain of its own.
    ivars->watch = arguments->completion;

    uint64_t deadline = clock_gettime_nsec_np(CLOCK_MONOTONIC_RAW) + kWatchNanoseconds;
    return ivars->timer->WakeAtTime(kIOTimerClockMonotonicRaw, deadline, 0);
}

void IMPL(HiddenCrashUserClient, WatchFired)
{
    if (ivars->watch != nullptr)
    {
        uint64_t result[1] = { 1 }; // one watch is over
        AsyncCompletion(ivars->watch, kIOReturnSuccess, result, 1);
        ivars->watch = nullptr;
    }
}

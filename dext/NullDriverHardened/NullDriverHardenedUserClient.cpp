//
//  NullDriverHardenedUserClient.cpp
//  NullDriverHardened
//
//  Apple's NullDriver sample with its weaknesses fixed. Same selectors, arithmetic and async
//  protocol; what changed, and why:
//
//  - Every selector, Scalar and Struct included, has an exact dispatch-table entry, so
//    IOUserClient::ExternalMethod refuses a malformed call with kIOReturnBadArgument before any
//    handler runs. Scalar now shares CheckedScalar's handler and Struct shares CheckedStruct's:
//    the unchecked paths (the 16-byte read of a shorter input, the 4104-byte write into a smaller
//    output descriptor) are gone. Selectors past the table still reach IOUserClient with no
//    dispatch entry (kIOReturnUnsupported), as in the sample.
//  - RegisterAsyncCallback releases the callback it replaces (the sample leaks it).
//  - AsyncRequest before any registration returns kIOReturnNotReady, the code the sample's app
//    checks for (the sample returns kIOReturnError), and queues nothing.
//  - Every accepted request, and every registration (which, as in the sample, also starts a
//    simulated device response), gets exactly one completion 5 s later. The sample keeps one
//    response in the timer action and re-arms the one timer, so a second request within 5 s
//    replaced the first. Here responses wait in a FIFO in the instance variables and the timer is
//    armed for the earliest one; the handler sends every response that is due, in order, and
//    re-arms for the next.
//    The FIFO holds kMaxPendingResponses (64) responses per connection; a request that finds it
//    full is refused with kIOReturnNoSpace and queues nothing (a client can keep at most 64
//    responses outstanding within any 5 s).
//  - The timer runs on this user client's default queue, the queue ExternalMethod runs on, so the
//    FIFO and the stored callback are never touched by two threads at once without a lock. (The
//    sample's timer has its own queue and shares the action's reference memory with
//    ExternalMethod unsynchronized.)
//  - Stop cancels the timer and its action and releases the callback, so nothing reaches the app
//    after IOServiceClose; free releases the rest. Every retain is balanced.
//

#include <os/log.h>

#include <DriverKit/IOLib.h>
#include <DriverKit/IOMemoryMap.h>
#include <DriverKit/IOTimerDispatchSource.h>
#include <DriverKit/IOUserClient.h>
#include <DriverKit/OSData.h>

#include <time.h>

#include "NullDriverHardenedUserClient.h"

#define Log(fmt, ...) os_log(OS_LOG_DEFAULT, "NullDriverHardened - " fmt "\n", ##__VA_ARGS__)

// The selectors, the same numbers as the sample's, which its app uses.
typedef enum
{
    ExternalMethodType_Scalar = 0,
    ExternalMethodType_Struct = 1,
    ExternalMethodType_CheckedScalar = 2,
    ExternalMethodType_CheckedStruct = 3,
    ExternalMethodType_RegisterAsyncCallback = 4,
    ExternalMethodType_AsyncRequest = 5,
    NumberOfExternalMethods // Keep last.
} ExternalMethodType;

typedef struct
{
    uint64_t foo;
    uint64_t bar;
} DataStruct;

// One simulated device response waiting for its time.
typedef struct
{
    uint64_t deadline; // CLOCK_MONOTONIC_RAW, nanoseconds
    DataStruct input;  // the data of the call that asked for it
} PendingResponse;

static const uint32_t kScalarCount = 16;
static const uint32_t kMaxPendingResponses = 64;
static const uint32_t kAsyncDataCount = 3;
static const uint64_t kAsyncResponseType = 2;
static const uint64_t kSimulatedResponseDelayNanoseconds = 5000000000ULL;  // 5 s
static const uint64_t kSimulatedResponseLeewayNanoseconds = 2000000000ULL; // 2 s

// Exact shapes for every selector. A field at kIOUserClientVariableStructureSize would skip its
// check; only AsyncRequest's completion uses that (it works with or without a completion).
const IOUserClientMethodDispatch externalMethodChecks[NumberOfExternalMethods] = {
    [ExternalMethodType_Scalar] =
    {
        .function = (IOUserClientMethodFunction) &NullDriverHardenedUserClient::StaticHandleScalar,
        .checkCompletionExists = false,
        .checkScalarInputCount = kScalarCount,
        .checkStructureInputSize = 0,
        .checkScalarOutputCount = kScalarCount,
        .checkStructureOutputSize = 0,
    },
    [ExternalMethodType_Struct] =
    {
        .function = (IOUserClientMethodFunction) &NullDriverHardenedUserClient::StaticHandleStruct,
        .checkCompletionExists = false,
        .checkScalarInputCount = 0,
        .checkStructureInputSize = sizeof(DataStruct),
        .checkScalarOutputCount = 0,
        .checkStructureOutputSize = sizeof(DataStruct),
    },
    [ExternalMethodType_CheckedScalar] =
    {
        .function = (IOUserClientMethodFunction) &NullDriverHardenedUserClient::StaticHandleScalar,
        .checkCompletionExists = false,
        .checkScalarInputCount = kScalarCount,
        .checkStructureInputSize = 0,
        .checkScalarOutputCount = kScalarCount,
        .checkStructureOutputSize = 0,
    },
    [ExternalMethodType_CheckedStruct] =
    {
        .function = (IOUserClientMethodFunction) &NullDriverHardenedUserClient::StaticHandleStruct,
        .checkCompletionExists = false,
        .checkScalarInputCount = 0,
        .checkStructureInputSize = sizeof(DataStruct),
        .checkScalarOutputCount = 0,
        .checkStructureOutputSize = sizeof(DataStruct),
    },
    [ExternalMethodType_RegisterAsyncCallback] =
    {
        .function = (IOUserClientMethodFunction) &NullDriverHardenedUserClient::StaticRegisterAsyncCallback,
        .checkCompletionExists = true,
        .checkScalarInputCount = 0,
        .checkStructureInputSize = sizeof(DataStruct),
        .checkScalarOutputCount = 0,
        .checkStructureOutputSize = sizeof(DataStruct),
    },
    [ExternalMethodType_AsyncRequest] =
    {
        .function = (IOUserClientMethodFunction) &NullDriverHardenedUserClient::StaticHandleAsyncRequest,
        .checkCompletionExists = kIOUserClientVariableStructureSize,
        .checkScalarInputCount = 0,
        .checkStructureInputSize = sizeof(DataStruct),
        .checkScalarOutputCount = 0,
        .checkStructureOutputSize = 0,
    },
};

struct NullDriverHardenedUserClient_IVars
{
    OSAction* callbackAction = nullptr;                     // retained; the app's completion
    IODispatchQueue* dispatchQueue = nullptr;               // retained; this object's default queue
    IOTimerDispatchSource* dispatchSource = nullptr;        // the simulated device
    OSAction* simulatedAsyncDeviceResponseAction = nullptr; // calls SimulatedAsyncEvent
    PendingResponse pending[kMaxPendingResponses];          // a ring: oldest at pendingHead
    uint32_t pendingHead = 0;
    uint32_t pendingCount = 0;
    bool stopping = false;
};

// Copies a structure input that is exactly one DataStruct. The dispatch table has checked the
// size already; this keeps the handlers safe on their own.
static bool CopyDataStruct(const OSData* data, DataStruct* out)
{
    if (data == nullptr || out == nullptr || data->getLength() != sizeof(DataStruct))
    {
        return false;
    }

    const void* bytes = data->getBytesNoCopy(0, sizeof(DataStruct));
    if (bytes == nullptr)
    {
        return false;
    }

    memcpy(out, bytes, sizeof(DataStruct));
    return true;
}

// MARK: - Lifecycle

bool NullDriverHardenedUserClient::init()
{
    if (!super::init())
    {
        Log("init() - super::init failed.");
        return false;
    }

    ivars = IONewZero(NullDriverHardenedUserClient_IVars, 1);
    if (ivars == nullptr)
    {
        Log("init() - Could not allocate the instance variables.");
        return false;
    }

    return true;
}

kern_return_t IMPL(NullDriverHardenedUserClient, Start)
{
    kern_return_t ret = kIOReturnSuccess;

    ret = Start(provider, SUPERDISPATCH);
    if (ret != kIOReturnSuccess)
    {
        Log("Start() - super::Start failed with error: 0x%08x.", ret);
        goto Exit;
    }

    // The default queue is where ExternalMethod runs; a timer on it is serialized with the calls.
    ret = CopyDispatchQueue(kIOServiceDefaultQueueName, &ivars->dispatchQueue);
    if (ret != kIOReturnSuccess)
    {
        Log("Start() - Could not get the default queue: 0x%08x.", ret);
        PrintExtendedErrorInfo(ret);
        goto Exit;
    }

    ret = IOTimerDispatchSource::Create(ivars->dispatchQueue, &ivars->dispatchSource);
    if (ret != kIOReturnSuccess)
    {
        Log("Start() - Could not create the timer source: 0x%08x.", ret);
        PrintExtendedErrorInfo(ret);
        goto Exit;
    }

    // The responses live in the FIFO, so the action needs no reference memory.
    ret = CreateActionSimulatedAsyncEvent(0, &ivars->simulatedAsyncDeviceResponseAction);
    if (ret != kIOReturnSuccess)
    {
        Log("Start() - Could not create the simulated event action: 0x%08x.", ret);
        PrintExtendedErrorInfo(ret);
        goto Exit;
    }

    ret = ivars->dispatchSource->SetHandler(ivars->simulatedAsyncDeviceResponseAction);
    if (ret != kIOReturnSuccess)
    {
        Log("Start() - Could not set the timer handler: 0x%08x.", ret);
        PrintExtendedErrorInfo(ret);
        goto Exit;
    }

    Log("Start() - Finished.");

Exit:
    return ret;
}

kern_return_t IMPL(NullDriverHardenedUserClient, Stop)
{
    __block _Atomic uint32_t cancelCount = 0;

    Log("Stop()");

    // From here on nothing is queued or delivered: the pending responses are dropped and the
    // app's completion is let go, so no completion can reach a closed connection.
    ivars->stopping = true;
    ivars->pendingHead = 0;
    ivars->pendingCount = 0;
    OSSafeReleaseNULL(ivars->callbackAction);

    if (ivars->dispatchSource != nullptr)
    {
        ++cancelCount;
    }
    if (ivars->simulatedAsyncDeviceResponseAction != nullptr)
    {
        ++cancelCount;
    }

    if (cancelCount == 0)
    {
        kern_return_t ret = Stop(provider, SUPERDISPATCH);
        if (ret != kIOReturnSuccess)
        {
            Log("Stop() - super::Stop failed with error: 0x%08x.", ret);
        }
        return ret;
    }

    // The last cancel handler finishes the stop; until then this object and its provider stay.
    this->retain();
    provider->retain();

    void (^cancelHandler)(void) = ^{
        if (__c11_atomic_fetch_sub(&cancelCount, 1U, __ATOMIC_RELAXED) <= 1)
        {
            kern_return_t status = Stop(provider, SUPERDISPATCH);
            if (status != kIOReturnSuccess)
            {
                Log("Stop() - super::Stop failed with error: 0x%08x.", status);
            }
            Log("Stop() - Finished.");

            this->release();
            provider->release();
        }
    };

    // Canceling the action also drops the reference it holds on this object. The default queue
    // belongs to the object and is not canceled here; free releases our reference to it.
    if (ivars->dispatchSource != nullptr)
    {
        ivars->dispatchSource->Cancel(cancelHandler);
    }
    if (ivars->simulatedAsyncDeviceResponseAction != nullptr)
    {
        ivars->simulatedAsyncDeviceResponseAction->Cancel(cancelHandler);
    }

    return kIOReturnSuccess;
}

void NullDriverHardenedUserClient::free()
{
    if (ivars != nullptr)
    {
        OSSafeReleaseNULL(ivars->callbackAction);
        OSSafeReleaseNULL(ivars->simulatedAsyncDeviceResponseAction);
        OSSafeReleaseNULL(ivars->dispatchSource);
        OSSafeReleaseNULL(ivars->dispatchQueue);
    }
    IOSafeDeleteNULL(ivars, NullDriverHardenedUserClient_IVars, 1);

    super::free();
}

// MARK: - ExternalMethod

kern_return_t NullDriverHardenedUserClient::ExternalMethod(uint64_t selector, IOUserClientMethodArguments* arguments, const IOUserClientMethodDispatch* dispatch, OSObject* target, void* reference)
{
    if (selector >= NumberOfExternalMethods)
    {
        // Not a selector of this dext: IOUserClient answers it without any dispatch entry.
        return super::ExternalMethod(selector, arguments, nullptr, nullptr, nullptr);
    }

    // Every call goes through its entry; IOUserClient checks the shape and calls the handler.
    return super::ExternalMethod(selector, arguments, &externalMethodChecks[selector], this, reference);
}

// MARK: - Dispatch table entries

kern_return_t NullDriverHardenedUserClient::StaticHandleScalar(OSObject* target, void* reference, IOUserClientMethodArguments* arguments)
{
    NullDriverHardenedUserClient* self = OSDynamicCast(NullDriverHardenedUserClient, target);
    if (self == nullptr || arguments == nullptr)
    {
        return kIOReturnError;
    }

    return self->HandleScalar(reference, arguments);
}

kern_return_t NullDriverHardenedUserClient::StaticHandleStruct(OSObject* target, void* reference, IOUserClientMethodArguments* arguments)
{
    NullDriverHardenedUserClient* self = OSDynamicCast(NullDriverHardenedUserClient, target);
    if (self == nullptr || arguments == nullptr)
    {
        return kIOReturnError;
    }

    return self->HandleStruct(reference, arguments);
}

kern_return_t NullDriverHardenedUserClient::StaticRegisterAsyncCallback(OSObject* target, void* reference, IOUserClientMethodArguments* arguments)
{
    NullDriverHardenedUserClient* self = OSDynamicCast(NullDriverHardenedUserClient, target);
    if (self == nullptr || arguments == nullptr)
    {
        return kIOReturnError;
    }

    return self->RegisterAsyncCallback(reference, arguments);
}

kern_return_t NullDriverHardenedUserClient::StaticHandleAsyncRequest(OSObject* target, void* reference, IOUserClientMethodArguments* arguments)
{
    NullDriverHardenedUserClient* self = OSDynamicCast(NullDriverHardenedUserClient, target);
    if (self == nullptr || arguments == nullptr)
    {
        return kIOReturnError;
    }

    return self->HandleAsyncRequest(reference, arguments);
}

// MARK: - Handlers

// Scalar and CheckedScalar: 16 scalars in, each plus one out.
kern_return_t NullDriverHardenedUserClient::HandleScalar(void* reference, IOUserClientMethodArguments* arguments)
{
    Log("Got action type scalar");

    if (arguments->scalarInput == nullptr || arguments->scalarOutput == nullptr ||
        arguments->scalarInputCount != kScalarCount || arguments->scalarOutputCount != kScalarCount)
    {
        Log("Scalar call with the wrong shape.");
        return kIOReturnBadArgument;
    }

    for (uint32_t index = 0; index < kScalarCount; ++index)
    {
        arguments->scalarOutput[index] = arguments->scalarInput[index] + 1;
    }

    return kIOReturnSuccess;
}

// Struct and CheckedStruct: one DataStruct in, {foo + 1, bar + 10} out.
kern_return_t NullDriverHardenedUserClient::HandleStruct(void* reference, IOUserClientMethodArguments* arguments)
{
    DataStruct input = {};
    DataStruct output = {};

    Log("Got action type struct");

    if (!CopyDataStruct(arguments->structureInput, &input))
    {
        Log("Struct call without a %zu-byte input.", sizeof(DataStruct));
        return kIOReturnBadArgument;
    }

    output.foo = input.foo + 1;
    output.bar = input.bar + 10;

    arguments->structureOutput = OSData::withBytes(&output, sizeof(DataStruct));
    if (arguments->structureOutput == nullptr)
    {
        return kIOReturnNoMemory;
    }

    return kIOReturnSuccess;
}

kern_return_t NullDriverHardenedUserClient::RegisterAsyncCallback(void* reference, IOUserClientMethodArguments* arguments)
{
    kern_return_t ret = kIOReturnSuccess;
    DataStruct input = {};
    DataStruct output = {};
    OSData* outputData = nullptr;

    Log("Got new async callback");

    if (ivars->stopping)
    {
        return kIOReturnOffline;
    }

    if (arguments->completion == nullptr)
    {
        Log("Got a null completion.");
        return kIOReturnBadArgument;
    }

    if (!CopyDataStruct(arguments->structureInput, &input))
    {
        Log("Registration without a %zu-byte input.", sizeof(DataStruct));
        return kIOReturnBadArgument;
    }

    output.foo = input.foo + 1;
    output.bar = input.bar + 10;
    outputData = OSData::withBytes(&output, sizeof(DataStruct));
    if (outputData == nullptr)
    {
        return kIOReturnNoMemory;
    }

    // As in the sample, registering also starts a simulated device response. Queue it first:
    // if that fails, the call changes nothing.
    ret = EnqueueSimulatedResponse(input.foo, input.bar);
    if (ret != kIOReturnSuccess)
    {
        OSSafeReleaseNULL(outputData);
        return ret;
    }

    // Retain the new completion before releasing the old one: they may be the same object.
    arguments->completion->retain();
    OSSafeReleaseNULL(ivars->callbackAction);
    ivars->callbackAction = arguments->completion;

    arguments->structureOutput = outputData;

    return kIOReturnSuccess;
}

kern_return_t NullDriverHardenedUserClient::HandleAsyncRequest(void* reference, IOUserClientMethodArguments* arguments)
{
    DataStruct input = {};

    Log("Got action type async.");

    if (ivars->stopping)
    {
        return kIOReturnOffline;
    }

    // Without a callback there is nobody to answer: refuse, and queue nothing.
    if (ivars->callbackAction == nullptr)
    {
        Log("No callback registered yet.");
        return kIOReturnNotReady;
    }

    if (!CopyDataStruct(arguments->structureInput, &input))
    {
        Log("Request without a %zu-byte input.", sizeof(DataStruct));
        return kIOReturnBadArgument;
    }

    return EnqueueSimulatedResponse(input.foo, input.bar);
}

// MARK: - Simulated device

kern_return_t NullDriverHardenedUserClient::EnqueueSimulatedResponse(uint64_t foo, uint64_t bar)
{
    kern_return_t ret = kIOReturnSuccess;
    PendingResponse* response = nullptr;

    if (ivars->pendingCount >= kMaxPendingResponses)
    {
        Log("%u responses are already pending; refusing another.", ivars->pendingCount);
        return kIOReturnNoSpace;
    }

    response = &ivars->pending[(ivars->pendingHead + ivars->pendingCount) % kMaxPendingResponses];
    response->deadline = clock_gettime_nsec_np(CLOCK_MONOTONIC_RAW) + kSimulatedResponseDelayNanoseconds;
    response->input.foo = foo;
    response->input.bar = bar;

    // Every response waits the same delay, so deadlines never decrease along the FIFO: the head
    // is the earliest. The timer stays armed for the head, so only a first response arms it.
    if (ivars->pendingCount == 0)
    {
        ret = ivars->dispatchSource->WakeAtTime(kIOTimerClockMonotonicRaw, response->deadline, kSimulatedResponseLeewayNanoseconds);
        if (ret != kIOReturnSuccess)
        {
            Log("Could not arm the timer: 0x%08x.", ret);
            PrintExtendedErrorInfo(ret);
            return ret;
        }
    }

    ivars->pendingCount++;
    Log("Sleeping async...");

    return kIOReturnSuccess;
}

void IMPL(NullDriverHardenedUserClient, SimulatedAsyncEvent)
{
    uint64_t now = clock_gettime_nsec_np(CLOCK_MONOTONIC_RAW);
    kern_return_t ret = kIOReturnSuccess;

    Log("Woke async at time: %llu!", time);

    if (ivars->stopping)
    {
        return;
    }

    // Send every response that is due, oldest first.
    while (ivars->pendingCount > 0)
    {
        const PendingResponse* response = &ivars->pending[ivars->pendingHead];
        uint64_t asyncData[kAsyncDataCount] = {};

        if (response->deadline > now)
        {
            break;
        }

        asyncData[0] = kAsyncResponseType;
        asyncData[1] = response->input.foo + 1;
        asyncData[2] = response->input.bar + 10;

        ivars->pendingHead = (ivars->pendingHead + 1) % kMaxPendingResponses;
        ivars->pendingCount--;

        // A response is only queued while a callback is registered, and Stop empties the FIFO
        // when it releases the callback; the check keeps the handler safe regardless.
        if (ivars->callbackAction != nullptr)
        {
            AsyncCompletion(ivars->callbackAction, kIOReturnSuccess, asyncData, kAsyncDataCount);
        }
    }

    // Re-arm for the next response still waiting (WakeAtTime replaces nothing: none is pending).
    if (ivars->pendingCount > 0)
    {
        ret = ivars->dispatchSource->WakeAtTime(kIOTimerClockMonotonicRaw, ivars->pending[ivars->pendingHead].deadline, kSimulatedResponseLeewayNanoseconds);
        if (ret != kIOReturnSuccess)
        {
            Log("Could not re-arm the timer: 0x%08x.", ret);
            PrintExtendedErrorInfo(ret);
        }
    }
}

// MARK: - Helpers

void NullDriverHardenedUserClient::PrintExtendedErrorInfo(kern_return_t ret)
{
    Log("\tSystem: 0x%02x", err_get_system(ret));
    Log("\tSubsystem: 0x%03x", err_get_sub(ret));
    Log("\tCode: 0x%04x", err_get_code(ret));
}

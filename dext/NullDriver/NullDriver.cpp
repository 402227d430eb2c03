//
//  NullDriver.cpp
//  NullDriver
//
//  A driver with no hardware: it answers its client app and logs what it sees. Written for
//  ConformanceKit after Apple's sample "Communicating Between a DriverKit Extension and a Client App",
//  with the same selectors, dispatch table, arithmetic and asynchronous protocol, and with the
//  sample's weaknesses left in place, because ConformanceKit uses this dext as the reference that
//  its checks must catch:
//
//  - HandleExternalStruct (selector 1) reads a whole DataStruct from an input of any length, and
//    writes a whole OversizedDataStruct into any output descriptor (it only logs when that does
//    not fit).
//  - RegisterAsyncCallback (selector 4) retains the new completion and overwrites the stored one
//    without releasing it.
//  - Every request re-arms the one timer; WakeAtTime replaces a pending deadline, so two requests
//    within the delay produce one completion.
//

#include <os/log.h>

#include <DriverKit/IOLib.h>
#include <DriverKit/IOMemoryMap.h>
#include <DriverKit/IOTimerDispatchSource.h>
#include <DriverKit/IOUserClient.h>
#include <DriverKit/OSData.h>

#include <time.h>

#include "NullDriver.h"

// Every line of this dext starts with the same prefix, so its messages are easy to find in the log.
#define Log(fmt, ...) os_log(OS_LOG_DEFAULT, "NullDriver - " fmt "\n", ##__VA_ARGS__)

// The selectors. A client app must use the same numbers.
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

// What the client and the dext exchange.
typedef struct
{
    uint64_t foo;
    uint64_t bar;
} DataStruct;

// What the Struct selector writes when the client passes an output buffer through a descriptor.
typedef struct
{
    uint64_t foo;
    uint64_t bar;
    uint64_t largeArray[511];
} OversizedDataStruct;

static const uint64_t kSimulatedResponseDelayNanoseconds = 5000000000ULL;  // 5 s
static const uint64_t kSimulatedResponseLeewayNanoseconds = 2000000000ULL; // 2 s

// The checks IOUserClient::ExternalMethod applies before it calls a handler. Scalar and Struct have
// no entry: ExternalMethod calls them directly, so nothing checks their arguments.
const IOUserClientMethodDispatch externalMethodChecks[NumberOfExternalMethods] = {
    [ExternalMethodType_CheckedScalar] =
    {
        .function = (IOUserClientMethodFunction) &NullDriver::StaticHandleExternalCheckedScalar,
        .checkCompletionExists = false, // a synchronous call: arguments->completion must be null
        .checkScalarInputCount = 16,
        .checkStructureInputSize = 0,
        .checkScalarOutputCount = 16,
        .checkStructureOutputSize = 0,
    },
    [ExternalMethodType_CheckedStruct] =
    {
        .function = (IOUserClientMethodFunction) &NullDriver::StaticHandleExternalCheckedStruct,
        .checkCompletionExists = false,
        .checkScalarInputCount = 0,
        .checkStructureInputSize = sizeof(DataStruct),
        .checkScalarOutputCount = 0,
        .checkStructureOutputSize = sizeof(DataStruct),
    },
    [ExternalMethodType_RegisterAsyncCallback] =
    {
        .function = (IOUserClientMethodFunction) &NullDriver::StaticRegisterAsyncCallback,
        .checkCompletionExists = true, // IOConnectCallAsync*Method only
        .checkScalarInputCount = 0,
        .checkStructureInputSize = sizeof(DataStruct),
        .checkScalarOutputCount = 0,
        .checkStructureOutputSize = sizeof(DataStruct),
    },
    [ExternalMethodType_AsyncRequest] =
    {
        .function = (IOUserClientMethodFunction) &NullDriver::StaticHandleAsyncRequest,
        .checkCompletionExists = -1U, // kIOUserClientVariableStructureSize: with or without a completion
        .checkScalarInputCount = 0,
        .checkStructureInputSize = sizeof(DataStruct),
        .checkScalarOutputCount = 0,
        .checkStructureOutputSize = 0,
    },
};

struct NullDriver_IVars
{
    OSAction* callbackAction = nullptr;                     // the client's completion, from RegisterAsyncCallback
    IODispatchQueue* dispatchQueue = nullptr;               // where the timer delivers
    IOTimerDispatchSource* dispatchSource = nullptr;        // the simulated device
    OSAction* simulatedAsyncDeviceResponseAction = nullptr; // calls SimulatedAsyncEvent; holds a DataStruct
};

// MARK: - Lifecycle

bool NullDriver::init()
{
    Log("init()");

    if (!super::init())
    {
        Log("init() - super::init failed.");
        return false;
    }

    ivars = IONewZero(NullDriver_IVars, 1);
    if (ivars == nullptr)
    {
        Log("init() - Could not allocate the instance variables.");
        return false;
    }

    Log("init() - Finished.");
    return true;
}

kern_return_t IMPL(NullDriver, Start)
{
    kern_return_t ret = kIOReturnSuccess;

    ret = Start(provider, SUPERDISPATCH);
    if (ret != kIOReturnSuccess)
    {
        Log("Start() - super::Start failed with error: 0x%08x.", ret);
        goto Exit;
    }

    ret = IODispatchQueue::Create("NullDriverDispatchQueue", 0, 0, &ivars->dispatchQueue);
    if (ret != kIOReturnSuccess)
    {
        Log("Start() - Could not create the dispatch queue: 0x%08x.", ret);
        goto Exit;
    }

    ret = IOTimerDispatchSource::Create(ivars->dispatchQueue, &ivars->dispatchSource);
    if (ret != kIOReturnSuccess)
    {
        Log("Start() - Could not create the timer source: 0x%08x.", ret);
        goto Exit;
    }

    // CreateActionSimulatedAsyncEvent comes from TYPE(IOTimerDispatchSource::TimerOccurred) in the
    // .iig. Its reference memory carries the request's DataStruct to SimulatedAsyncEvent.
    ret = CreateActionSimulatedAsyncEvent(sizeof(DataStruct), &ivars->simulatedAsyncDeviceResponseAction);
    if (ret != kIOReturnSuccess)
    {
        Log("Start() - Could not create the simulated event action: 0x%08x.", ret);
        goto Exit;
    }

    ret = ivars->dispatchSource->SetHandler(ivars->simulatedAsyncDeviceResponseAction);
    if (ret != kIOReturnSuccess)
    {
        Log("Start() - Could not set the timer handler: 0x%08x.", ret);
        goto Exit;
    }

    ret = RegisterService();
    if (ret != kIOReturnSuccess)
    {
        Log("Start() - RegisterService failed with error: 0x%08x.", ret);
        goto Exit;
    }

    Log("Start() - Finished.");

Exit:
    return ret;
}

kern_return_t IMPL(NullDriver, Stop)
{
    // Every object this instance created is canceled, and the last cancel handler to run finishes
    // the stop with super's Stop. The count is shared by the handlers, hence __block and _Atomic.
    __block _Atomic uint32_t cancelCount = 0;

    Log("Stop()");

    if (ivars->simulatedAsyncDeviceResponseAction != nullptr)
    {
        ++cancelCount;
    }
    if (ivars->dispatchSource != nullptr)
    {
        ++cancelCount;
    }
    if (ivars->dispatchQueue != nullptr)
    {
        ++cancelCount;
    }
    if (ivars->callbackAction != nullptr)
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
        Log("Stop() - Finished.");
        return ret;
    }

    // Keep this instance and its provider alive until the last cancel handler has run.
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

    if (ivars->simulatedAsyncDeviceResponseAction != nullptr)
    {
        ivars->simulatedAsyncDeviceResponseAction->Cancel(cancelHandler);
    }
    if (ivars->dispatchSource != nullptr)
    {
        ivars->dispatchSource->Cancel(cancelHandler);
    }
    if (ivars->dispatchQueue != nullptr)
    {
        ivars->dispatchQueue->Cancel(cancelHandler);
    }
    if (ivars->callbackAction != nullptr)
    {
        ivars->callbackAction->Cancel(cancelHandler);
    }

    Log("Stop() - Waiting for the cancels to finish.");
    return kIOReturnSuccess;
}

void NullDriver::free()
{
    Log("free()");

    if (ivars != nullptr)
    {
        OSSafeReleaseNULL(ivars->simulatedAsyncDeviceResponseAction);
        OSSafeReleaseNULL(ivars->dispatchSource);
        OSSafeReleaseNULL(ivars->dispatchQueue);
        OSSafeReleaseNULL(ivars->callbackAction);
    }
    IOSafeDeleteNULL(ivars, NullDriver_IVars, 1);

    super::free();
}

// IOServiceOpen from an app lands here. The new user client is another NullDriver instance, made
// from the UserClientProperties dictionary of the personality.
kern_return_t IMPL(NullDriver, NewUserClient)
{
    kern_return_t ret = kIOReturnSuccess;
    IOService* client = nullptr;

    Log("NewUserClient()");

    ret = Create(this, "UserClientProperties", &client);
    if (ret != kIOReturnSuccess)
    {
        Log("NewUserClient() - Create failed with error: 0x%08x.", ret);
        goto Exit;
    }

    *userClient = OSDynamicCast(IOUserClient, client);
    if (*userClient == nullptr)
    {
        Log("NewUserClient() - The new client is not an IOUserClient.");
        client->release();
        ret = kIOReturnError;
        goto Exit;
    }

    Log("NewUserClient() - Finished.");

Exit:
    return ret;
}

// MARK: - ExternalMethod

// IOConnectCall*Method from the app lands here. Nothing in arguments can be trusted: counts and
// sizes come from the caller.
kern_return_t NullDriver::ExternalMethod(uint64_t selector, IOUserClientMethodArguments* arguments, const IOUserClientMethodDispatch* dispatch, OSObject* target, void* reference)
{
    kern_return_t ret = kIOReturnSuccess;

    // Selectors from CheckedScalar on go through the dispatch table, whose entries IOUserClient
    // checks. Anything past the table reaches super as it came.
    if (selector >= ExternalMethodType_CheckedScalar)
    {
        if (selector < NumberOfExternalMethods)
        {
            dispatch = &externalMethodChecks[selector];
            if (target == nullptr)
            {
                target = this;
            }
        }

        return super::ExternalMethod(selector, arguments, dispatch, target, reference);
    }

    // Scalar and Struct: no table entry, so nothing has checked these arguments.
    switch (selector)
    {
        case ExternalMethodType_Scalar:
            ret = HandleExternalScalar(arguments);
            break;

        case ExternalMethodType_Struct:
            ret = HandleExternalStruct(arguments);
            break;

        default:
            ret = kIOReturnBadArgument;
            break;
    }

    return ret;
}

// MARK: - Unchecked handlers

kern_return_t NullDriver::HandleExternalScalar(IOUserClientMethodArguments* arguments)
{
    kern_return_t ret = kIOReturnSuccess;
    uint8_t inputCount = 0;
    uint8_t outputCount = 0;
    uint8_t count = 0;

    Log("Got action type scalar");

    if (arguments == nullptr)
    {
        Log("Arguments were null.");
        ret = kIOReturnBadArgument;
        goto Exit;
    }

    if (arguments->scalarInput == nullptr)
    {
        Log("Scalar input memory is null.");
        ret = kIOReturnBadArgument;
        goto Exit;
    }

    // The counts come from the caller; never use more than 16 of either.
    inputCount = (arguments->scalarInputCount > 16) ? 16 : (uint8_t) arguments->scalarInputCount;

    if (arguments->scalarOutput == nullptr)
    {
        Log("Scalar output memory is null.");
        ret = kIOReturnBadArgument;
        goto Exit;
    }

    outputCount = (arguments->scalarOutputCount > 16) ? 16 : (uint8_t) arguments->scalarOutputCount;

    count = (inputCount < outputCount) ? inputCount : outputCount;
    for (uint8_t index = 0; index < count; ++index)
    {
        arguments->scalarOutput[index] = arguments->scalarInput[index] + 1;
        Log("%llu %llu", arguments->scalarInput[index], arguments->scalarOutput[index]);
    }

Exit:
    return ret;
}

kern_return_t NullDriver::HandleExternalStruct(IOUserClientMethodArguments* arguments)
{
    kern_return_t ret = kIOReturnSuccess;
    DataStruct* input = nullptr;
    DataStruct output = {};
    IOMemoryMap* inputMap = nullptr;
    IOMemoryMap* outputMap = nullptr;

    Log("Got action type struct");

    if (arguments == nullptr)
    {
        Log("Arguments were null.");
        ret = kIOReturnBadArgument;
        goto Exit;
    }

    // Up to 4096 bytes arrive in an OSData; more arrive as a memory descriptor to map.
    if (arguments->structureInput != nullptr)
    {
        input = (DataStruct*) arguments->structureInput->getBytesNoCopy();
    }
    else if (arguments->structureInputDescriptor != nullptr)
    {
        ret = arguments->structureInputDescriptor->CreateMapping(0, 0, 0, 0, 0, &inputMap);
        if (ret != kIOReturnSuccess)
        {
            Log("Could not map the input descriptor: 0x%08x", ret);
            PrintExtendedErrorInfo(ret);
            ret = kIOReturnBadArgument;
            goto Exit;
        }
        input = (DataStruct*) inputMap->GetAddress();
    }
    else
    {
        Log("Neither structureInput nor structureInputDescriptor was given.");
        ret = kIOReturnBadArgument;
        goto Exit;
    }

    if (input == nullptr)
    {
        Log("Could not get the input.");
        ret = kIOReturnBadArgument;
        goto Exit;
    }

    // Unchecked, as in the sample: the input is read as a whole DataStruct whatever its length.
    Log("Input - %llu, %llu", input->foo, input->bar);

    output.foo = input->foo + 1;
    output.bar = input->bar + 10;
    Log("Output - %llu, %llu", output.foo, output.bar);

    if (arguments->structureOutputDescriptor != nullptr)
    {
        // Unchecked, as in the sample: a too-small buffer is only logged, then written anyway.
        if (sizeof(OversizedDataStruct) > arguments->structureOutputMaximumSize)
        {
            Log("Required output size of %lu is larger than the given maximum size of %llu. Failing.", sizeof(OversizedDataStruct), arguments->structureOutputMaximumSize);
        }

        ret = arguments->structureOutputDescriptor->CreateMapping(0, 0, 0, 0, 0, &outputMap);
        if (ret != kIOReturnSuccess || outputMap == nullptr)
        {
            Log("Could not map the output descriptor: 0x%08x", ret);
            PrintExtendedErrorInfo(ret);
            ret = kIOReturnBadArgument;
            goto Exit;
        }

        uint8_t* outputBytes = (uint8_t*) outputMap->GetAddress();
        memcpy(outputBytes, &output, sizeof(DataStruct));
        memset(outputBytes + sizeof(DataStruct), 0, sizeof(OversizedDataStruct) - sizeof(DataStruct));
    }
    else
    {
        // The caller's output buffer never reaches the dext; the kernel copies this OSData back.
        arguments->structureOutput = OSData::withBytes(&output, sizeof(DataStruct));
    }

Exit:
    OSSafeReleaseNULL(inputMap);
    OSSafeReleaseNULL(outputMap);

    return ret;
}

// MARK: - Dispatch table entries

kern_return_t NullDriver::StaticHandleExternalCheckedScalar(OSObject* target, void* reference, IOUserClientMethodArguments* arguments)
{
    if (target == nullptr)
    {
        return kIOReturnError;
    }

    return ((NullDriver*) target)->HandleExternalCheckedScalar(reference, arguments);
}

kern_return_t NullDriver::StaticHandleExternalCheckedStruct(OSObject* target, void* reference, IOUserClientMethodArguments* arguments)
{
    if (target == nullptr)
    {
        return kIOReturnError;
    }

    return ((NullDriver*) target)->HandleExternalCheckedStruct(reference, arguments);
}

kern_return_t NullDriver::StaticRegisterAsyncCallback(OSObject* target, void* reference, IOUserClientMethodArguments* arguments)
{
    if (target == nullptr)
    {
        return kIOReturnError;
    }

    return ((NullDriver*) target)->RegisterAsyncCallback(reference, arguments);
}

kern_return_t NullDriver::StaticHandleAsyncRequest(OSObject* target, void* reference, IOUserClientMethodArguments* arguments)
{
    if (target == nullptr)
    {
        return kIOReturnError;
    }

    return ((NullDriver*) target)->HandleAsyncRequest(reference, arguments);
}

// MARK: - Checked handlers

// The dispatch entry has already checked every count and size of these calls.

kern_return_t NullDriver::HandleExternalCheckedScalar(void* reference, IOUserClientMethodArguments* arguments)
{
    Log("Got action type checked scalar");

    for (uint32_t index = 0; index < arguments->scalarOutputCount; ++index)
    {
        arguments->scalarOutput[index] = arguments->scalarInput[index] + 1;
        Log("%llu %llu", arguments->scalarInput[index], arguments->scalarOutput[index]);
    }

    return kIOReturnSuccess;
}

kern_return_t NullDriver::HandleExternalCheckedStruct(void* reference, IOUserClientMethodArguments* arguments)
{
    const DataStruct* input = nullptr;
    DataStruct output = {};

    Log("Got action type checked struct");

    input = (const DataStruct*) arguments->structureInput->getBytesNoCopy();

    output.foo = input->foo + 1;
    output.bar = input->bar + 10;

    arguments->structureOutput = OSData::withBytes(&output, sizeof(DataStruct));

    return kIOReturnSuccess;
}

kern_return_t NullDriver::RegisterAsyncCallback(void* reference, IOUserClientMethodArguments* arguments)
{
    const DataStruct* input = nullptr;
    DataStruct output = {};
    uint64_t now = 0;

    Log("Got new async callback");

    if (arguments->completion == nullptr)
    {
        Log("Got a null completion.");
        return kIOReturnBadArgument;
    }

    // Keep the completion for the responses to come. As in the sample, a completion stored by an
    // earlier registration is overwritten without being released: it leaks.
    ivars->callbackAction = arguments->completion;
    ivars->callbackAction->retain();

    // The simulated device answers with the registration's data too.
    input = (const DataStruct*) arguments->structureInput->getBytesNoCopy();
    memcpy(ivars->simulatedAsyncDeviceResponseAction->GetReference(), input, sizeof(DataStruct));

    output.foo = input->foo + 1;
    output.bar = input->bar + 10;
    arguments->structureOutput = OSData::withBytes(&output, sizeof(DataStruct));

    now = clock_gettime_nsec_np(CLOCK_MONOTONIC_RAW);
    Log("Sleeping async...");
    ivars->dispatchSource->WakeAtTime(kIOTimerClockMonotonicRaw, now + kSimulatedResponseDelayNanoseconds, kSimulatedResponseLeewayNanoseconds);

    return kIOReturnSuccess;
}

kern_return_t NullDriver::HandleAsyncRequest(void* reference, IOUserClientMethodArguments* arguments)
{
    const DataStruct* input = nullptr;
    uint64_t now = 0;

    Log("Got action type async.");

    input = (const DataStruct*) arguments->structureInput->getBytesNoCopy();

    if (ivars->callbackAction == nullptr)
    {
        // The sample's app expects kIOReturnNotReady here; the sample returns kIOReturnError.
        Log("Callback action not available.");
        return kIOReturnError;
    }

    // One reference memory, one timer: a request inside the delay replaces the pending one.
    memcpy(ivars->simulatedAsyncDeviceResponseAction->GetReference(), input, sizeof(DataStruct));

    now = clock_gettime_nsec_np(CLOCK_MONOTONIC_RAW);
    Log("Sleeping async...");
    ivars->dispatchSource->WakeAtTime(kIOTimerClockMonotonicRaw, now + kSimulatedResponseDelayNanoseconds, kSimulatedResponseLeewayNanoseconds);

    return kIOReturnSuccess;
}

// MARK: - Simulated device

void IMPL(NullDriver, SimulatedAsyncEvent)
{
    const DataStruct* input = nullptr;
    DataStruct output = {};
    uint64_t asyncData[3] = {};

    Log("Woke async at time: %llu!", time);

    // The data the last request stored in the action.
    input = (const DataStruct*) action->GetReference();

    output.foo = input->foo + 1;
    output.bar = input->bar + 10;

    // A leading "type" word, then the DataStruct.
    asyncData[0] = 2;
    asyncData[1] = output.foo;
    asyncData[2] = output.bar;

    if (ivars->callbackAction != nullptr)
    {
        AsyncCompletion(ivars->callbackAction, kIOReturnSuccess, asyncData, 3);
    }
}

// MARK: - Helpers

void NullDriver::PrintExtendedErrorInfo(kern_return_t ret)
{
    Log("\tSystem: 0x%02x", err_get_system(ret));
    Log("\tSubsystem: 0x%03x", err_get_sub(ret));
    Log("\tCode: 0x%04x", err_get_code(ret));
}

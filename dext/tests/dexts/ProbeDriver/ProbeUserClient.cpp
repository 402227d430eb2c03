/*
 * Selectors (see dext/tests/runtime/ for what each test expects):
 *  0 Checked      dispatch {completion absent, 2 scalars in, 8 bytes in, 3 scalars out, 4 bytes out} -> Echo
 *  1 Describe     every check kIOUserClientVariableStructureSize -> reports the arguments' shape
 *                 in scalarOutput: [scalarInputCount, inband input length, descriptor input length,
 *                 structureOutputMaximumSize, has output descriptor, has completion]
 *  2 ReturnData   returns an OSData of scalarInput[0] bytes (0x5a) -> output copy-back rules
 *  3 Complete     completion required: AsyncCompletion(status=scalarInput[0], count=scalarInput[1],
 *                 args 100, 101, ...)
 *  4 Arm          completion required: keeps it (releasing a previous one) and arms the timer at
 *                 now + scalarInput[0] ns; the timer sends {time}
 *  5 OverWrite    writes scalarOutput[scalarOutputCount] (one past the caller's capacity)
 *  6 NoFunction   a dispatch entry without a function
 *  7 Leak         creates an OSData and never releases it
 *  8 DescriptorWrite writes scalarInput[0] bytes of 0x77 into structureOutputDescriptor
 *  >= 9           super::ExternalMethod with no dispatch entry
 */
#include <os/log.h>
#include <DriverKit/IOLib.h>
#include <DriverKit/IOMemoryMap.h>
#include <DriverKit/IOTimerDispatchSource.h>
#include <DriverKit/IOUserClient.h>
#include <DriverKit/OSData.h>
#include <time.h>

#include "ProbeUserClient.h"

#define Log(fmt, ...) os_log(OS_LOG_DEFAULT, "ProbeUserClient - " fmt "\n", ##__VA_ARGS__)

struct ProbeUserClient_IVars {
    IODispatchQueue* queue = nullptr;
    IOTimerDispatchSource* timer = nullptr;
    OSAction* timerAction = nullptr;
    OSAction* completion = nullptr;
};


static const uint32_t kAny = kIOUserClientVariableStructureSize;

static const IOUserClientMethodDispatch probeDispatch[] = {
    [0] = { .function = (IOUserClientMethodFunction) &ProbeUserClient::StaticEcho, .checkCompletionExists = 0,
            .checkScalarInputCount = 2, .checkStructureInputSize = 8, .checkScalarOutputCount = 3, .checkStructureOutputSize = 4 },
    [1] = { .function = (IOUserClientMethodFunction) &ProbeUserClient::StaticDescribe, .checkCompletionExists = kAny,
            .checkScalarInputCount = kAny, .checkStructureInputSize = kAny, .checkScalarOutputCount = kAny, .checkStructureOutputSize = kAny },
    [2] = { .function = nullptr }, /* handled directly below */
    [3] = { .function = (IOUserClientMethodFunction) &ProbeUserClient::StaticComplete, .checkCompletionExists = 1,
            .checkScalarInputCount = 2, .checkStructureInputSize = 0, .checkScalarOutputCount = 0, .checkStructureOutputSize = 0 },
    [4] = { .function = (IOUserClientMethodFunction) &ProbeUserClient::StaticArm, .checkCompletionExists = 1,
            .checkScalarInputCount = 1, .checkStructureInputSize = 0, .checkScalarOutputCount = 0, .checkStructureOutputSize = 0 },
    [5] = { .function = nullptr },
    [6] = { .function = nullptr, .checkCompletionExists = kAny,
            .checkScalarInputCount = kAny, .checkStructureInputSize = kAny, .checkScalarOutputCount = kAny, .checkStructureOutputSize = kAny },
};

bool ProbeUserClient::init()
{
    if (!super::init()) return false;
    ivars = IONewZero(ProbeUserClient_IVars, 1);
    return ivars != nullptr;
}

void ProbeUserClient::free()
{
    if (ivars) {
        OSSafeReleaseNULL(ivars->completion);
        OSSafeReleaseNULL(ivars->timerAction);
        OSSafeReleaseNULL(ivars->timer);
        OSSafeReleaseNULL(ivars->queue);
    }
    IOSafeDeleteNULL(ivars, ProbeUserClient_IVars, 1);
    super::free();
}

kern_return_t IMPL(ProbeUserClient, Start)
{
    kern_return_t ret = Start(provider, SUPERDISPATCH);
    if (ret != kIOReturnSuccess) return ret;
    ret = IODispatchQueue::Create("ProbeQueue", 0, 0, &ivars->queue);
    if (ret != kIOReturnSuccess) return ret;
    ret = IOTimerDispatchSource::Create(ivars->queue, &ivars->timer);
    if (ret != kIOReturnSuccess) return ret;
    ret = CreateActionTimerFired(0, &ivars->timerAction);
    if (ret != kIOReturnSuccess) return ret;
    return ivars->timer->SetHandler(ivars->timerAction);
}

kern_return_t IMPL(ProbeUserClient, Stop)
{
    /* Cancel synchronously-enough for a test dext: after Stop nothing fires. */
    if (ivars->timer) ivars->timer->Cancel(nullptr);
    if (ivars->timerAction) ivars->timerAction->Cancel(nullptr);
    OSSafeReleaseNULL(ivars->completion);
    return Stop(provider, SUPERDISPATCH);
}

kern_return_t ProbeUserClient::ExternalMethod(uint64_t selector, IOUserClientMethodArguments* arguments,
                                              const IOUserClientMethodDispatch* dispatch, OSObject* target, void* reference)
{
    Log("selector %llu", selector);
    switch (selector) {
        case 2: {
            uint64_t length = arguments->scalarInputCount ? arguments->scalarInput[0] : 0;
            uint8_t* bytes = (uint8_t*)IOMallocZero(length ? length : 1);
            memset(bytes, 0x5a, length);
            arguments->structureOutput = OSData::withBytes(bytes, length);
            IOFree(bytes, length ? length : 1);
            return kIOReturnSuccess;
        }
        case 5:
            /* Deliberately one past the end: proves the buffer is exactly the caller's capacity. */
            arguments->scalarOutput[arguments->scalarOutputCount] = 1;
            return kIOReturnSuccess;
        case 7: {
            OSData* leaked = OSData::withBytes("leak", 4);
            (void)leaked;
            return kIOReturnSuccess;
        }
        case 8: {
            if (arguments->structureOutputDescriptor == nullptr || arguments->scalarInputCount < 1) return kIOReturnBadArgument;
            IOMemoryMap* map = nullptr;
            kern_return_t ret = arguments->structureOutputDescriptor->CreateMapping(0, 0, 0, 0, 0, &map);
            if (ret != kIOReturnSuccess) return ret;
            memset((void*)map->GetAddress(), 0x77, arguments->scalarInput[0]);
            map->release();
            return kIOReturnSuccess;
        }
        case 10:
            /* Written as DriverKit 20 sources guard their calls: must compile and hold on Linux. */
            if (arguments->scalarOutputCount < 1) return kIOReturnBadArgument;
            if (__builtin_available(driverkit 20.0, *))
                arguments->scalarOutput[0] = 1;
            else
                arguments->scalarOutput[0] = 0;
            return kIOReturnSuccess;
        default:
            break;
    }
    if (selector < sizeof(probeDispatch) / sizeof(probeDispatch[0])) {
        dispatch = &probeDispatch[selector];
        if (!target) target = this;
    }
    return super::ExternalMethod(selector, arguments, dispatch, target, reference);
}

kern_return_t ProbeUserClient::StaticEcho(OSObject* target, void* reference, IOUserClientMethodArguments* arguments)
{
    const uint8_t* in = (const uint8_t*)arguments->structureInput->getBytesNoCopy();
    for (uint32_t k = 0; k < arguments->scalarOutputCount; k++) arguments->scalarOutput[k] = arguments->scalarInput[k % 2] + k;
    uint8_t out[4] = { in[0], in[1], in[2], in[3] };
    arguments->structureOutput = OSData::withBytes(out, sizeof(out));
    return kIOReturnSuccess;
}

kern_return_t ProbeUserClient::StaticDescribe(OSObject* target, void* reference, IOUserClientMethodArguments* arguments)
{
    uint64_t descriptorLength = 0;
    if (arguments->structureInputDescriptor) arguments->structureInputDescriptor->GetLength(&descriptorLength);
    uint64_t shape[6] = {
        arguments->scalarInputCount,
        arguments->structureInput ? arguments->structureInput->getLength() : 0,
        descriptorLength,
        arguments->structureOutputMaximumSize,
        arguments->structureOutputDescriptor != nullptr,
        arguments->completion != nullptr,
    };
    uint32_t count = arguments->scalarOutputCount < 6 ? arguments->scalarOutputCount : 6;
    for (uint32_t k = 0; k < count; k++) arguments->scalarOutput[k] = shape[k];
    arguments->scalarOutputCount = count;
    return kIOReturnSuccess;
}

kern_return_t ProbeUserClient::StaticComplete(OSObject* target, void* reference, IOUserClientMethodArguments* arguments)
{
    ProbeUserClient* self = OSDynamicCast(ProbeUserClient, target);
    uint64_t args[32] = {};
    for (uint32_t k = 0; k < 32; k++) args[k] = 100 + k;
    self->AsyncCompletion(arguments->completion, (IOReturn)arguments->scalarInput[0], args, (uint32_t)arguments->scalarInput[1]);
    return kIOReturnSuccess;
}

kern_return_t ProbeUserClient::StaticArm(OSObject* target, void* reference, IOUserClientMethodArguments* arguments)
{
    ProbeUserClient* self = OSDynamicCast(ProbeUserClient, target);
    return self->Arm(arguments->completion, arguments->scalarInput[0]);
}

kern_return_t ProbeUserClient::Arm(OSAction* completion, uint64_t delay)
{
    completion->retain();
    OSSafeReleaseNULL(ivars->completion);
    ivars->completion = completion;
    uint64_t now = clock_gettime_nsec_np(CLOCK_MONOTONIC_RAW);
    return ivars->timer->WakeAtTime(kIOTimerClockMonotonicRaw, now + delay, 0);
}

void IMPL(ProbeUserClient, TimerFired)
{
    Log("timer fired at %llu", time);
    uint64_t args[1] = { time };
    if (ivars->completion) AsyncCompletion(ivars->completion, kIOReturnSuccess, args, 1);
}

//
//  HangUserClient.cpp
//  HangDriver
//
//  Echo (selector 0) returns its one input scalar. Wait (selector 1) waits for a device event that
//  never comes: its handler spins on a flag nothing sets, so the call never returns — the planted
//  bug. A check must report the hang once, as a memory.safety finding on selector 1, skip the
//  other programs that call Wait (each would cost a whole per-call timeout), count none of them as
//  judged, and still judge Echo.
//

#include <os/log.h>

#include <DriverKit/IOLib.h>
#include <DriverKit/IOUserClient.h>

#include "HangUserClient.h"

typedef enum
{
    ExternalMethodType_Echo = 0,
    ExternalMethodType_Wait = 1,
    NumberOfExternalMethods // Keep last.
} ExternalMethodType;

const IOUserClientMethodDispatch externalMethodChecks[NumberOfExternalMethods] = {
    [ExternalMethodType_Echo] =
    {
        .function = (IOUserClientMethodFunction) &HangUserClient::StaticHandleEcho,
        .checkCompletionExists = false,
        .checkScalarInputCount = 1,
        .checkStructureInputSize = 0,
        .checkScalarOutputCount = 1,
        .checkStructureOutputSize = 0,
    },
    [ExternalMethodType_Wait] =
    {
        .function = (IOUserClientMethodFunction) &HangUserClient::StaticHandleWait,
        .checkCompletionExists = false,
        .checkScalarInputCount = 0,
        .checkStructureInputSize = 0,
        .checkScalarOutputCount = 0,
        .checkStructureOutputSize = 0,
    },
};

// Set by an interrupt that this test dext never gets.
static volatile bool deviceReady = false;

kern_return_t HangUserClient::ExternalMethod(uint64_t selector, IOUserClientMethodArguments* arguments, const IOUserClientMethodDispatch* dispatch, OSObject* target, void* reference)
{
    if (selector >= NumberOfExternalMethods)
    {
        return super::ExternalMethod(selector, arguments, nullptr, nullptr, nullptr);
    }

    return super::ExternalMethod(selector, arguments, &externalMethodChecks[selector], this, reference);
}

kern_return_t HangUserClient::StaticHandleEcho(OSObject* target, void* reference, IOUserClientMethodArguments* arguments)
{
    if (arguments == nullptr || arguments->scalarInput == nullptr || arguments->scalarOutput == nullptr)
    {
        return kIOReturnBadArgument;
    }

    arguments->scalarOutput[0] = arguments->scalarInput[0];
    arguments->scalarOutputCount = 1;
    return kIOReturnSuccess;
}

kern_return_t HangUserClient::StaticHandleWait(OSObject* target, void* reference, IOUserClientMethodArguments* arguments)
{
    // The bug: no timeout.
    while (!deviceReady)
    {
    }
    return kIOReturnSuccess;
}

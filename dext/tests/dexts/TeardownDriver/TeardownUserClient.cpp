//
//  TeardownUserClient.cpp
//  TeardownDriver
//
//  Echo (selector 0) returns its one input scalar. Arm (selector 1, no arguments) allocates the
//  note the service stamps in Stop, hands it over and frees it: the call itself is clean, the bug
//  is the service's later write (TeardownDriver.cpp).
//

#include <os/log.h>

#include <DriverKit/IOLib.h>
#include <DriverKit/IOUserClient.h>

#include "TeardownNote.h"
#include "TeardownUserClient.h"

typedef enum
{
    ExternalMethodType_Echo = 0,
    ExternalMethodType_Arm = 1,
    NumberOfExternalMethods // Keep last.
} ExternalMethodType;

const IOUserClientMethodDispatch externalMethodChecks[NumberOfExternalMethods] = {
    [ExternalMethodType_Echo] =
    {
        .function = (IOUserClientMethodFunction) &TeardownUserClient::StaticHandleEcho,
        .checkCompletionExists = false,
        .checkScalarInputCount = 1,
        .checkStructureInputSize = 0,
        .checkScalarOutputCount = 1,
        .checkStructureOutputSize = 0,
    },
    [ExternalMethodType_Arm] =
    {
        .function = (IOUserClientMethodFunction) &TeardownUserClient::StaticHandleArm,
        .checkCompletionExists = false,
        .checkScalarInputCount = 0,
        .checkStructureInputSize = 0,
        .checkScalarOutputCount = 0,
        .checkStructureOutputSize = 0,
    },
};

kern_return_t TeardownUserClient::ExternalMethod(uint64_t selector, IOUserClientMethodArguments* arguments, const IOUserClientMethodDispatch* dispatch, OSObject* target, void* reference)
{
    if (selector >= NumberOfExternalMethods)
    {
        return super::ExternalMethod(selector, arguments, nullptr, nullptr, nullptr);
    }

    return super::ExternalMethod(selector, arguments, &externalMethodChecks[selector], this, reference);
}

kern_return_t TeardownUserClient::StaticHandleEcho(OSObject* target, void* reference, IOUserClientMethodArguments* arguments)
{
    if (arguments == nullptr || arguments->scalarInput == nullptr || arguments->scalarOutput == nullptr)
    {
        return kIOReturnBadArgument;
    }

    arguments->scalarOutput[0] = arguments->scalarInput[0];
    arguments->scalarOutputCount = 1;
    return kIOReturnSuccess;
}

kern_return_t TeardownUserClient::StaticHandleArm(OSObject* target, void* reference, IOUserClientMethodArguments* arguments)
{
    uint8_t* note = (uint8_t*) IOMalloc(16);
    if (note == nullptr)
    {
        return kIOReturnNoMemory;
    }
    gTeardownNote = note;
    IOFree(note, 16);
    return kIOReturnSuccess;
}

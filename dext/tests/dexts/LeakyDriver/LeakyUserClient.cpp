//
//  LeakyUserClient.cpp
//  LeakyDriver
//
//  Echo (selector 0) returns its one input scalar. This class is clean; the planted bug is in the
//  service's NewUserClient (LeakyDriver.cpp).
//

#include <os/log.h>

#include <DriverKit/IOLib.h>
#include <DriverKit/IOUserClient.h>

#include "LeakyUserClient.h"

typedef enum
{
    ExternalMethodType_Echo = 0,
    NumberOfExternalMethods // Keep last.
} ExternalMethodType;

const IOUserClientMethodDispatch externalMethodChecks[NumberOfExternalMethods] = {
    [ExternalMethodType_Echo] =
    {
        .function = (IOUserClientMethodFunction) &LeakyUserClient::StaticHandleEcho,
        .checkCompletionExists = false,
        .checkScalarInputCount = 1,
        .checkStructureInputSize = 0,
        .checkScalarOutputCount = 1,
        .checkStructureOutputSize = 0,
    },
};

kern_return_t LeakyUserClient::ExternalMethod(uint64_t selector, IOUserClientMethodArguments* arguments, const IOUserClientMethodDispatch* dispatch, OSObject* target, void* reference)
{
    if (selector >= NumberOfExternalMethods)
    {
        return super::ExternalMethod(selector, arguments, nullptr, nullptr, nullptr);
    }

    return super::ExternalMethod(selector, arguments, &externalMethodChecks[selector], this, reference);
}

kern_return_t LeakyUserClient::StaticHandleEcho(OSObject* target, void* reference, IOUserClientMethodArguments* arguments)
{
    if (arguments == nullptr || arguments->scalarInput == nullptr || arguments->scalarOutput == nullptr)
    {
        return kIOReturnBadArgument;
    }

    arguments->scalarOutput[0] = arguments->scalarInput[0];
    arguments->scalarOutputCount = 1;
    return kIOReturnSuccess;
}

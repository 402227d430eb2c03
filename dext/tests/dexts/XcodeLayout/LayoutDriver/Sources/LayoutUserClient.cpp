/*
 * LayoutDriver's user client. Its selector numbers and the value Stamp adds come from the header
 * the app shares (LayoutProtocol.h, outside the dext folder: spec.yaml's include:), its checks
 * from the default IOUserClient::ExternalMethod.
 */
#include <DriverKit/IOLib.h>
#include <DriverKit/IOUserClient.h>

#include "LayoutProtocol.h"
#include "LayoutUserClient.h"

static const IOUserClientMethodDispatch layoutMethods[kLayoutSelectorCount] = {
    [kLayoutSelectorStamp] =
    {
        .function = (IOUserClientMethodFunction) &LayoutUserClient::StaticHandleStamp,
        .checkCompletionExists = false,
        .checkScalarInputCount = 1,
        .checkStructureInputSize = 0,
        .checkScalarOutputCount = 1,
        .checkStructureOutputSize = 0,
    },
};

kern_return_t LayoutUserClient::ExternalMethod(uint64_t selector, IOUserClientMethodArguments* arguments, const IOUserClientMethodDispatch* dispatch, OSObject* target, void* reference)
{
    if (selector >= kLayoutSelectorCount) return super::ExternalMethod(selector, arguments, nullptr, nullptr, nullptr);
    return super::ExternalMethod(selector, arguments, &layoutMethods[selector], this, reference);
}

kern_return_t LayoutUserClient::StaticHandleStamp(OSObject* target, void* reference, IOUserClientMethodArguments* arguments)
{
    arguments->scalarOutput[0] = arguments->scalarInput[0] + kLayoutStampOffset;
    arguments->scalarOutputCount = 1;
    return kIOReturnSuccess;
}

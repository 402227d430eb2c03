//
//  SequenceDriver.cpp
//  SequenceDriver
//
//  The service: matched on IOUserResources, published by name, and the factory of one
//  SequenceUserClient per IOServiceOpen. Nothing planted here; the bugs are the user client's.
//

#include <os/log.h>

#include <DriverKit/IOLib.h>
#include <DriverKit/IOUserClient.h>

#include "SequenceDriver.h"

#define Log(fmt, ...) os_log(OS_LOG_DEFAULT, "SequenceDriver - " fmt "\n", ##__VA_ARGS__)

kern_return_t IMPL(SequenceDriver, Start)
{
    kern_return_t ret = Start(provider, SUPERDISPATCH);
    if (ret != kIOReturnSuccess)
    {
        Log("Start() - super::Start failed with error: 0x%08x.", ret);
        return ret;
    }

    return RegisterService();
}

kern_return_t IMPL(SequenceDriver, NewUserClient)
{
    IOService* client = nullptr;

    if (userClient == nullptr)
    {
        return kIOReturnBadArgument;
    }
    *userClient = nullptr;

    // UserClientProperties names SequenceUserClient; Create instantiates and starts it.
    kern_return_t ret = Create(this, "UserClientProperties", &client);
    if (ret != kIOReturnSuccess)
    {
        Log("NewUserClient() - Create failed with error: 0x%08x.", ret);
        return ret;
    }

    *userClient = OSDynamicCast(IOUserClient, client);
    if (*userClient == nullptr)
    {
        OSSafeReleaseNULL(client);
        return kIOReturnError;
    }

    return kIOReturnSuccess;
}

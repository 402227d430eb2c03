//
//  KnownCloseDriver.cpp
//  KnownCloseDriver
//
//  The service: matched on IOUserResources, published by name, and the factory of one
//  KnownCloseUserClient per IOServiceOpen. It keeps no state of its own.
//

#include <os/log.h>

#include <DriverKit/IOLib.h>
#include <DriverKit/IOUserClient.h>

#include "KnownCloseDriver.h"

#define Log(fmt, ...) os_log(OS_LOG_DEFAULT, "KnownCloseDriver - " fmt "\n", ##__VA_ARGS__)

kern_return_t IMPL(KnownCloseDriver, Start)
{
    kern_return_t ret = Start(provider, SUPERDISPATCH);
    if (ret != kIOReturnSuccess)
    {
        Log("Start() - super::Start failed with error: 0x%08x.", ret);
        return ret;
    }

    return RegisterService();
}

kern_return_t IMPL(KnownCloseDriver, NewUserClient)
{
    IOService* client = nullptr;

    if (userClient == nullptr)
    {
        return kIOReturnBadArgument;
    }
    *userClient = nullptr;

    // UserClientProperties names KnownCloseUserClient; Create instantiates and starts it.
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

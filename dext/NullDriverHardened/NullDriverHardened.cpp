//
//  NullDriverHardened.cpp
//  NullDriverHardened
//
//  The service: matched on IOUserResources, published with RegisterService so that apps find it
//  by name, and the factory of one NullDriverHardenedUserClient per IOServiceOpen. It holds no
//  per-connection state, so a connection can never see or disturb another one's callback or
//  pending responses.
//

#include <os/log.h>

#include <DriverKit/IOLib.h>
#include <DriverKit/IOUserClient.h>

#include "NullDriverHardened.h"

#define Log(fmt, ...) os_log(OS_LOG_DEFAULT, "NullDriverHardened - " fmt "\n", ##__VA_ARGS__)

kern_return_t IMPL(NullDriverHardened, Start)
{
    kern_return_t ret = kIOReturnSuccess;

    ret = Start(provider, SUPERDISPATCH);
    if (ret != kIOReturnSuccess)
    {
        Log("Start() - super::Start failed with error: 0x%08x.", ret);
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

kern_return_t IMPL(NullDriverHardened, Stop)
{
    kern_return_t ret = kIOReturnSuccess;

    Log("Stop()");

    ret = Stop(provider, SUPERDISPATCH);
    if (ret != kIOReturnSuccess)
    {
        Log("Stop() - super::Stop failed with error: 0x%08x.", ret);
    }

    return ret;
}

// IOServiceOpen lands here, once the kernel has checked that the app may open this dext (its
// com.apple.developer.driverkit.userclient-access lists com.example.NullDriverHardened).
kern_return_t IMPL(NullDriverHardened, NewUserClient)
{
    kern_return_t ret = kIOReturnSuccess;
    IOService* client = nullptr;

    Log("NewUserClient()");

    if (userClient == nullptr)
    {
        ret = kIOReturnBadArgument;
        goto Exit;
    }
    *userClient = nullptr;

    // UserClientProperties names NullDriverHardenedUserClient; Create instantiates and starts it.
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
        OSSafeReleaseNULL(client);
        ret = kIOReturnError;
        goto Exit;
    }

    Log("NewUserClient() - Finished.");

Exit:
    return ret;
}

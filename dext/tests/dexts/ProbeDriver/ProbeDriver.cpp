#include <os/log.h>
#include <DriverKit/IOLib.h>
#include <DriverKit/IOUserClient.h>

#include "ProbeDriver.h"

#define Log(fmt, ...) os_log(OS_LOG_DEFAULT, "ProbeDriver - " fmt "\n", ##__VA_ARGS__)

kern_return_t IMPL(ProbeDriver, Start)
{
    kern_return_t ret = Start(provider, SUPERDISPATCH);
    if (ret != kIOReturnSuccess) return ret;
    Log("Start()");
    return RegisterService();
}

kern_return_t IMPL(ProbeDriver, NewUserClient)
{
    IOService* client = nullptr;
    kern_return_t ret = Create(this, "UserClientProperties", &client);
    if (ret != kIOReturnSuccess) return ret;
    *userClient = OSDynamicCast(IOUserClient, client);
    if (*userClient == nullptr) {
        client->release();
        return kIOReturnError;
    }
    Log("NewUserClient(type %u)", type);
    return kIOReturnSuccess;
}

#include <os/log.h>

#include <DriverKit/IOLib.h>
#include <DriverKit/IOUserClient.h>

#include "RegistryDriver.h"

/* The name apps match after Start: SetName must change what IOServiceNameMatching sees. */
static const char *const kRegisteredName = "RegistryRenamed";

kern_return_t IMPL(RegistryDriver, Start)
{
    kern_return_t ret = Start(provider, SUPERDISPATCH);
    if (ret != kIOReturnSuccess) return ret;
    ret = SetName(kRegisteredName);
    if (ret != kIOReturnSuccess) return ret;
    return RegisterService();
}

kern_return_t IMPL(RegistryDriver, NewUserClient)
{
    IOService* client = nullptr;
    kern_return_t ret = Create(this, "UserClientProperties", &client);
    if (ret != kIOReturnSuccess) return ret;
    *userClient = OSDynamicCast(IOUserClient, client);
    if (*userClient == nullptr) {
        client->release();
        return kIOReturnError;
    }
    return kIOReturnSuccess;
}

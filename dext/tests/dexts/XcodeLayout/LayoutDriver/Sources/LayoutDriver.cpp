/*
 * LayoutDriver's service: matched on IOUserResources under the class name Info.plist gives as
 * ${PRODUCT_NAME}, registered, and asked for one LayoutUserClient per IOServiceOpen.
 */
#include <os/log.h>
#include <DriverKit/IOLib.h>
#include <DriverKit/IOUserClient.h>

#include "LayoutDriver.h"

kern_return_t IMPL(LayoutDriver, Start)
{
    kern_return_t ret = Start(provider, SUPERDISPATCH);
    if (ret != kIOReturnSuccess) return ret;
    return RegisterService();
}

kern_return_t IMPL(LayoutDriver, NewUserClient)
{
    if (userClient == nullptr) return kIOReturnBadArgument;
    *userClient = nullptr;
    IOService* client = nullptr;
    /* UserClientProperties in Info.plist names the class to make. */
    kern_return_t ret = Create(this, "UserClientProperties", &client);
    if (ret != kIOReturnSuccess) return ret;
    *userClient = OSDynamicCast(IOUserClient, client);
    if (*userClient == nullptr) {
        OSSafeReleaseNULL(client);
        return kIOReturnError;
    }
    return kIOReturnSuccess;
}

#include <os/log.h>
#include <DriverKit/IOLib.h>
#include <DriverKit/IOUserClient.h>

#include "VirtualHIDDriver.h"
#include "VirtualHIDUserClient.h"

kern_return_t IMPL(VirtualHIDDriver, Start)
{
    kern_return_t ret = Start(provider, SUPERDISPATCH);
    if (ret != kIOReturnSuccess) return ret;
    return RegisterService();
}

kern_return_t IMPL(VirtualHIDDriver, NewUserClient)
{
    IOService* client = nullptr;
    kern_return_t ret = Create(this, "UserClientProperties", &client);
    if (ret != kIOReturnSuccess) return ret;
    VirtualHIDUserClient* hidClient = OSDynamicCast(VirtualHIDUserClient, client);
    if (hidClient == nullptr) {
        client->release();
        return kIOReturnError;
    }
    /* Type 1 is the runtime tests' raw client, which posts reports unchecked (VirtualHIDUserClient.cpp). */
    hidClient->SetRaw(type == 1);
    *userClient = hidClient;
    return kIOReturnSuccess;
}

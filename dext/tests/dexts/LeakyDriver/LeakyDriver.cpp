//
//  LeakyDriver.cpp
//  LeakyDriver
//
//  The service: matched on IOUserResources, published by name, and the factory of one
//  LeakyUserClient per IOServiceOpen. The planted bug: every NewUserClient keeps a note of the
//  connection type in an OSData it never releases, so every open leaks one OSData. Every program a
//  campaign can run opens a connection, so every seed — down to a bare open and close — breaks
//  objects.balance: the campaign must still report its finding as a finding (exit 1), not stop at
//  a setup error.
//

#include <os/log.h>

#include <DriverKit/IOLib.h>
#include <DriverKit/IOUserClient.h>
#include <DriverKit/OSData.h>

#include "LeakyDriver.h"

#define Log(fmt, ...) os_log(OS_LOG_DEFAULT, "LeakyDriver - " fmt "\n", ##__VA_ARGS__)

kern_return_t IMPL(LeakyDriver, Start)
{
    kern_return_t ret = Start(provider, SUPERDISPATCH);
    if (ret != kIOReturnSuccess)
    {
        Log("Start() - super::Start failed with error: 0x%08x.", ret);
        return ret;
    }

    return RegisterService();
}

kern_return_t IMPL(LeakyDriver, NewUserClient)
{
    IOService* client = nullptr;

    if (userClient == nullptr)
    {
        return kIOReturnBadArgument;
    }
    *userClient = nullptr;

    // The bug: a note of the open, never released.
    OSData* note = OSData::withBytes(&type, sizeof(type));
    (void) note;

    // UserClientProperties names LeakyUserClient; Create instantiates and starts it.
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

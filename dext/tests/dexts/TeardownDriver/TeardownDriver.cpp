//
//  TeardownDriver.cpp
//  TeardownDriver
//
//  The service: matched on IOUserResources, published by name, and the factory of one
//  TeardownUserClient per IOServiceOpen. The planted bug: Arm (TeardownUserClient.cpp) hands the
//  service a note to stamp when it stops, and frees the note before returning; Stop stamps it
//  anyway — a heap-use-after-free write in Stop, reached only when the system tears the service
//  down after a program that armed it.
//

#include <os/log.h>

#include <DriverKit/IOLib.h>
#include <DriverKit/IOUserClient.h>

#include "TeardownDriver.h"
#include "TeardownNote.h"

#define Log(fmt, ...) os_log(OS_LOG_DEFAULT, "TeardownDriver - " fmt "\n", ##__VA_ARGS__)

uint8_t* gTeardownNote = nullptr;

kern_return_t IMPL(TeardownDriver, Start)
{
    kern_return_t ret = Start(provider, SUPERDISPATCH);
    if (ret != kIOReturnSuccess)
    {
        Log("Start() - super::Start failed with error: 0x%08x.", ret);
        return ret;
    }
    gTeardownNote = nullptr;

    return RegisterService();
}

kern_return_t IMPL(TeardownDriver, Stop)
{
    if (gTeardownNote != nullptr)
    {
        Log("Stop() - stamping the note.");
        gTeardownNote[0] = 1; // The bug: the note was freed when Arm returned.
        gTeardownNote = nullptr;
    }

    return Stop(provider, SUPERDISPATCH);
}

kern_return_t IMPL(TeardownDriver, NewUserClient)
{
    IOService* client = nullptr;

    if (userClient == nullptr)
    {
        return kIOReturnBadArgument;
    }
    *userClient = nullptr;

    // UserClientProperties names TeardownUserClient; Create instantiates and starts it.
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

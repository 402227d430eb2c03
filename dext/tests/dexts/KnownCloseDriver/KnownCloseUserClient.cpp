//
//  KnownCloseUserClient.cpp
//  KnownCloseDriver
//
//  Two planted memory bugs:
//
//  1. (known) Stop frees the connection's scratch buffer and free() reads it afterwards: every
//     close, even of a connection that made no call, is a use after free. The spec lists it under
//     known:, so a campaign must go past it rather than find nothing else.
//  2. (not known) Mark (selector 0) sets entry `index % 8` of an 8-entry table and then the
//     table's "dirty" byte, which it keeps just after the last entry — but the table was
//     allocated without room for it: every Mark writes one byte past the table.
//

#include <os/log.h>

#include <DriverKit/IOLib.h>
#include <DriverKit/IOUserClient.h>

#include "KnownCloseUserClient.h"

#define Log(fmt, ...) os_log(OS_LOG_DEFAULT, "KnownCloseDriver - " fmt "\n", ##__VA_ARGS__)

typedef enum
{
    ExternalMethodType_Mark = 0,
    NumberOfExternalMethods // Keep last.
} ExternalMethodType;

static const uint32_t kScratchSize = 16;
static const uint32_t kTableSize = 8;
static const uint32_t kDirtyByte = kTableSize; // Bug 2: the table is allocated with kTableSize bytes, not kTableSize + 1.

const IOUserClientMethodDispatch externalMethodChecks[NumberOfExternalMethods] = {
    [ExternalMethodType_Mark] =
    {
        .function = (IOUserClientMethodFunction) &KnownCloseUserClient::StaticHandleMark,
        .checkCompletionExists = false,
        .checkScalarInputCount = 1,
        .checkStructureInputSize = 0,
        .checkScalarOutputCount = 0,
        .checkStructureOutputSize = 0,
    },
};

struct KnownCloseUserClient_IVars
{
    uint8_t* scratch = nullptr;   // freed in Stop, read in free() (bug 1)
    uint8_t* table = nullptr;     // kTableSize entries (and no room for the dirty byte: bug 2)
};

bool KnownCloseUserClient::init()
{
    if (!super::init())
    {
        return false;
    }

    ivars = IONewZero(KnownCloseUserClient_IVars, 1);
    if (ivars == nullptr)
    {
        return false;
    }
    ivars->scratch = (uint8_t*) IOMallocZero(kScratchSize);
    ivars->table = (uint8_t*) IOMallocZero(kTableSize);
    return ivars->scratch != nullptr && ivars->table != nullptr;
}

kern_return_t IMPL(KnownCloseUserClient, Start)
{
    return Start(provider, SUPERDISPATCH);
}

kern_return_t IMPL(KnownCloseUserClient, Stop)
{
    // Bug 1: freed here, but the pointer is kept and free() reads through it.
    if (ivars->scratch != nullptr)
    {
        IOFree(ivars->scratch, kScratchSize);
    }
    return Stop(provider, SUPERDISPATCH);
}

void KnownCloseUserClient::free()
{
    if (ivars != nullptr)
    {
        if (ivars->scratch != nullptr)
        {
            volatile uint8_t last = ivars->scratch[0];
            Log("free() - last scratch byte %u", (unsigned) last);
        }
        if (ivars->table != nullptr)
        {
            IOFree(ivars->table, kTableSize);
        }
    }
    IOSafeDeleteNULL(ivars, KnownCloseUserClient_IVars, 1);
    super::free();
}

kern_return_t KnownCloseUserClient::ExternalMethod(uint64_t selector, IOUserClientMethodArguments* arguments, const IOUserClientMethodDispatch* dispatch, OSObject* target, void* reference)
{
    if (selector >= NumberOfExternalMethods)
    {
        return super::ExternalMethod(selector, arguments, nullptr, nullptr, nullptr);
    }

    return super::ExternalMethod(selector, arguments, &externalMethodChecks[selector], this, reference);
}

kern_return_t KnownCloseUserClient::StaticHandleMark(OSObject* target, void* reference, IOUserClientMethodArguments* arguments)
{
    KnownCloseUserClient* self = OSDynamicCast(KnownCloseUserClient, target);
    if (self == nullptr || arguments == nullptr)
    {
        return kIOReturnError;
    }

    return self->HandleMark(arguments);
}

kern_return_t KnownCloseUserClient::HandleMark(IOUserClientMethodArguments* arguments)
{
    ivars->table[arguments->scalarInput[0] % kTableSize] = 1;
    ivars->table[kDirtyByte] = 1; // Bug 2: one past the table.
    return kIOReturnSuccess;
}

/*
 * RegistryUserClient: each selector asks the runtime one thing about a registry entry and answers
 * with scalars (status first where a status matters):
 *   0  GetRegistryEntryID of the client, its provider and again of the client: [client, provider, client]
 *   1  CopyProperties of the provider: [status, entries, RegistryVersion, IOUserClass is RegistryDriver]
 *   2  SearchProperty("RegistryVersion") from the client: alone, then with kIOServiceSearchPropertyParents:
 *      [status alone, status with parents, value found]
 *   3  SetProperties on the provider (not overridden): [status]
 *   4  Create a RegistryChild from ChildProperties, check its provider, Terminate it:
 *      [Create status, provider is this client, ChildTag property, Terminate status]
 *   5  the configured header's kRegistryVersionNumber: [value]
 *   6  the planted bug: CopyProperties of the provider, its count answered and the copy never
 *      released — the dictionary and every container in it leak (objects.balance must find it): [entries]
 * Anything else: kIOReturnUnsupported.
 */
#include <DriverKit/IOLib.h>
#include <DriverKit/OSDictionary.h>
#include <DriverKit/OSNumber.h>
#include <DriverKit/OSString.h>

#include "RegistryChild.h"
#include "RegistryUserClient.h"
#include "RegistryVersion.h"

static uint64_t NumberOf(OSObject* object)
{
    OSNumber* number = OSDynamicCast(OSNumber, object);
    return number ? number->unsigned64BitValue() : 0;
}

static kern_return_t Answer(IOUserClientMethodArguments* arguments, const uint64_t* values, uint32_t count)
{
    if (arguments->scalarOutput == nullptr || arguments->scalarOutputCount < count) return kIOReturnBadArgument;
    for (uint32_t k = 0; k < count; k++) arguments->scalarOutput[k] = values[k];
    arguments->scalarOutputCount = count;
    return kIOReturnSuccess;
}

static kern_return_t EntryIDs(RegistryUserClient* self, IOUserClientMethodArguments* arguments)
{
    uint64_t values[3] = {};
    if (self->GetRegistryEntryID(&values[0]) != kIOReturnSuccess) return kIOReturnError;
    if (self->GetProvider()->GetRegistryEntryID(&values[1]) != kIOReturnSuccess) return kIOReturnError;
    if (self->GetRegistryEntryID(&values[2]) != kIOReturnSuccess) return kIOReturnError;
    return Answer(arguments, values, 3);
}

static kern_return_t ProviderProperties(RegistryUserClient* self, IOUserClientMethodArguments* arguments)
{
    OSDictionary* properties = nullptr;
    uint64_t values[4] = {};
    values[0] = (uint64_t)(uint32_t)self->GetProvider()->CopyProperties(&properties);
    if (properties != nullptr) {
        values[1] = properties->getCount();
        values[2] = NumberOf(properties->getObject("RegistryVersion"));
        OSString* userClass = OSDynamicCast(OSString, properties->getObject("IOUserClass"));
        values[3] = userClass != nullptr && userClass->isEqualTo("RegistryDriver");
        properties->release();
    }
    return Answer(arguments, values, 4);
}

static kern_return_t Search(RegistryUserClient* self, IOUserClientMethodArguments* arguments)
{
    uint64_t values[3] = {};
    OSContainer* found = nullptr;
    values[0] = (uint64_t)(uint32_t)self->SearchProperty("RegistryVersion", "IOService", 0, &found);
    OSSafeReleaseNULL(found);
    values[1] = (uint64_t)(uint32_t)self->SearchProperty("RegistryVersion", "IOService", kIOServiceSearchPropertyParents, &found);
    values[2] = NumberOf(found);
    OSSafeReleaseNULL(found);
    return Answer(arguments, values, 3);
}

static kern_return_t SetOnProvider(RegistryUserClient* self, IOUserClientMethodArguments* arguments)
{
    OSDictionary* properties = OSDictionary::withCapacity(1);
    if (properties == nullptr) return kIOReturnNoMemory;
    uint64_t value = (uint64_t)(uint32_t)self->GetProvider()->SetProperties(properties);
    properties->release();
    return Answer(arguments, &value, 1);
}

static kern_return_t CreateChild(RegistryUserClient* self, IOUserClientMethodArguments* arguments)
{
    uint64_t values[4] = {};
    IOService* child = nullptr;
    values[0] = (uint64_t)(uint32_t)self->Create(self, "ChildProperties", &child);
    if (child != nullptr) {
        values[1] = child->GetProvider() == self;
        OSContainer* tag = nullptr;
        if (child->SearchProperty("ChildTag", "IOService", 0, &tag) == kIOReturnSuccess) values[2] = NumberOf(tag);
        OSSafeReleaseNULL(tag);
        values[3] = (uint64_t)(uint32_t)child->Terminate(0);
        child->release();
    }
    return Answer(arguments, values, 4);
}

static kern_return_t LeakProperties(RegistryUserClient* self, IOUserClientMethodArguments* arguments)
{
    OSDictionary* properties = nullptr;
    kern_return_t ret = self->GetProvider()->CopyProperties(&properties);
    if (ret != kIOReturnSuccess) return ret;
    uint64_t count = properties->getCount();
    return Answer(arguments, &count, 1); /* BUG (planted): the copy is the caller's to release */
}

kern_return_t RegistryUserClient::ExternalMethod(uint64_t selector, IOUserClientMethodArguments* arguments,
                                                 const IOUserClientMethodDispatch*, OSObject*, void*)
{
    switch (selector) {
    case 0: return EntryIDs(this, arguments);
    case 1: return ProviderProperties(this, arguments);
    case 2: return Search(this, arguments);
    case 3: return SetOnProvider(this, arguments);
    case 4: return CreateChild(this, arguments);
    case 5: {
        uint64_t value = kRegistryVersionNumber;
        return Answer(arguments, &value, 1);
    }
    case 6: return LeakProperties(this, arguments);
    default: return kIOReturnUnsupported;
    }
}

/*
 * A service's registry entry as DriverKit/IOService.iig describes it: its ID (GetRegistryEntryID),
 * its properties (CopyProperties, SearchProperty) and the default SetProperties. The properties are
 * those the kernel publishes for a matched service — its personality from Info.plist — or, for one
 * made by IOService::Create, the dictionary Create was given. The name (SetName) is in IOService.cpp.
 */
#include <DriverKit/IOService.h>
#include <DriverKit/OSContainer.h>
#include <DriverKit/OSDictionary.h>

#include <string.h>

#include "core/Access.h"
#include "core/Runtime.h"
#include "image/Plist.h"
#include "service/PlistObjects.h"
#include "service/ServiceState.h"

using dksim::Access;

kern_return_t IOService::GetRegistryEntryID(uint64_t *registryEntryID, OSDispatchMethod supermethod)
{
    return supermethod ? IOService::GetRegistryEntryID_Impl(registryEntryID) : GetRegistryEntryID_Impl(registryEntryID);
}

kern_return_t IOService::CopyProperties(OSDictionary **properties, OSDispatchMethod supermethod)
{
    return supermethod ? IOService::CopyProperties_Impl(properties) : CopyProperties_Impl(properties);
}

kern_return_t IOService::SearchProperty(const IOPropertyName name, const IORegistryPlaneName plane, uint64_t options,
                                        OSContainer **property, OSDispatchMethod supermethod)
{
    return supermethod ? IOService::SearchProperty_Impl(name, plane, options, property)
                       : SearchProperty_Impl(name, plane, options, property);
}

kern_return_t IOService::SetProperties(OSDictionary *properties, OSDispatchMethod supermethod)
{
    return supermethod ? IOService::SetProperties_Impl(properties) : SetProperties_Impl(properties);
}

kern_return_t IOService::GetRegistryEntryID_Impl(uint64_t *registryEntryID)
{
    if (registryEntryID == nullptr) return kIOReturnBadArgument;
    dksim::ServiceState &state = Access::service(this);
    /* (inferred) The kernel gives the ID when it creates the entry; handing it out on first request
     * gives the same uniqueness, and IDs that depend only on the order a run asks for them. */
    if (state.registryEntryID == 0) state.registryEntryID = dksim::Runtime::get().nextRegistryEntryID++;
    *registryEntryID = state.registryEntryID;
    return kIOReturnSuccess;
}

kern_return_t IOService::CopyProperties_Impl(OSDictionary **properties)
{
    if (properties == nullptr) return kIOReturnBadArgument;
    *properties = nullptr;
    const dksim::PlistValue *own = Access::service(this).properties;
    if (own == nullptr || !own->isDict()) {
        /* IOUserResources and other entries the runtime makes have no personality: an empty dictionary. */
        *properties = OSDictionary::withCapacity(0);
    } else {
        *properties = OSDynamicCast(OSDictionary, dksim::NewObjectFromPlist(*own));
    }
    return *properties ? kIOReturnSuccess : kIOReturnNoMemory;
}

kern_return_t IOService::SearchProperty_Impl(const char *name, const char *, uint64_t options, OSContainer **property)
{
    if (name == nullptr || property == nullptr) return kIOReturnBadArgument;
    *property = nullptr;
    /* Only the service plane exists here: the plane name is not checked (inferred: a dext passes
     * "IOService", the one plane it can see). */
    for (IOService *entry = this; entry != nullptr; entry = entry->GetProvider()) {
        const dksim::PlistValue *own = Access::service(entry).properties;
        const dksim::PlistValue *found = own ? own->find(name) : nullptr;
        if (found != nullptr) {
            OSObject *object = dksim::NewObjectFromPlist(*found);
            *property = OSDynamicCast(OSContainer, object);
            if (*property == nullptr) {
                OSSafeReleaseNULL(object);
                return kIOReturnNoMemory;
            }
            return kIOReturnSuccess;
        }
        if ((options & kIOServiceSearchPropertyParents) == 0) break;
    }
    return kIOReturnNotFound;
}

/* "By default the method will fail. A DriverKit subclass or kernel class may implement this method."
 * (IOService.iig, SetProperties). */
kern_return_t IOService::SetProperties_Impl(OSDictionary *) { return kIOReturnUnsupported; }

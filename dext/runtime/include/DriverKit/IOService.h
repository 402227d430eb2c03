/*
 * IOService (iokit/DriverKit/IOService.iig): the lifecycle (Start/Stop), registration for matching,
 * NewUserClient and Create of the services a dext defines, and their registry entry: name, ID and
 * properties (the personality's dictionary, as the kernel publishes it).
 *
 * RPC methods follow the generated-header pattern: a public non-virtual Method(args, supermethod)
 * that calls the virtual Method_Impl, or the superclass's Method_Impl when supermethod is set
 * (SUPERDISPATCH). A dext overrides Method_Impl through IMPL(Class, Method).
 */
#ifndef DKSIM_DRIVERKIT_IOSERVICE_H
#define DKSIM_DRIVERKIT_IOSERVICE_H

#include <DriverKit/OSObject.h>
#include <DriverKit/IODispatchQueue.h>

class IOMemoryDescriptor;
class IOBufferMemoryDescriptor;
class IOUserClient;
class OSAction;

typedef char IOServiceName[128];
typedef char IOPropertyName[128];
typedef char IORegistryPlaneName[128];

#define kIOServiceDefaultQueueName "Default"

enum {
    kIOServiceSearchPropertyParents = 0x00000001,
};

#define IOService_Start_Args IOService *provider
#define IOService_Stop_Args IOService *provider
#define IOService_RegisterService_Args
#define IOService_NewUserClient_Args uint32_t type, IOUserClient **userClient
#define IOService_Create_Args IOService *provider, const char *propertiesKey, IOService **result
#define IOService_Terminate_Args uint64_t options
#define IOService_SetName_Args const char *name
#define IOService_CopyDispatchQueue_Args const char *name, IODispatchQueue **queue
#define IOService_SetDispatchQueue_Args const char *name, IODispatchQueue *queue
#define IOService_GetRegistryEntryID_Args uint64_t *registryEntryID
#define IOService_CopyProperties_Args OSDictionary **properties
#define IOService_SearchProperty_Args const char *name, const char *plane, uint64_t options, OSContainer **property
#define IOService_SetProperties_Args OSDictionary *properties

namespace dksim {
struct ServiceState;
}

class IOService : public OSObject
{
    DKSIM_CLASS_DECLARE(IOService, OSObject)

public:
    bool init() override;
    void free() override;

    kern_return_t Start(IOService *provider, OSDispatchMethod supermethod = nullptr);
    kern_return_t Stop(IOService *provider, OSDispatchMethod supermethod = nullptr);
    /* Publishes the service for matching under its name (its IOUserClass). */
    kern_return_t RegisterService(OSDispatchMethod supermethod = nullptr);
    kern_return_t NewUserClient(uint32_t type, IOUserClient **userClient, OSDispatchMethod supermethod = nullptr);
    /* Instantiates the IOUserClass of the dictionary propertiesKey of this service's properties,
     * attaches it to provider and starts it. The result carries a +1 retain count. */
    kern_return_t Create(IOService *provider, const IOPropertyName propertiesKey, IOService **result,
                         OSDispatchMethod supermethod = nullptr);
    kern_return_t Terminate(uint64_t options, OSDispatchMethod supermethod = nullptr);
    kern_return_t SetName(const IOServiceName name, OSDispatchMethod supermethod = nullptr);
    kern_return_t CopyDispatchQueue(const IODispatchQueueName name, IODispatchQueue **queue,
                                    OSDispatchMethod supermethod = nullptr);
    kern_return_t SetDispatchQueue(const IODispatchQueueName name, IODispatchQueue *queue,
                                   OSDispatchMethod supermethod = nullptr);
    IOService *GetProvider() const;
    /* The registry entry's ID: unique among the services of a boot, never 0. */
    kern_return_t GetRegistryEntryID(uint64_t *registryEntryID, OSDispatchMethod supermethod = nullptr);
    /* A new dictionary (+1) of the registry properties: the personality, or the Create dictionary. */
    kern_return_t CopyProperties(OSDictionary **properties, OSDispatchMethod supermethod = nullptr);
    /* One property (+1) of this service, or with kIOServiceSearchPropertyParents of the first provider
     * up the chain that has it; kIOReturnNotFound when none has. */
    kern_return_t SearchProperty(const IOPropertyName name, const IORegistryPlaneName plane, uint64_t options,
                                 OSContainer **property, OSDispatchMethod supermethod = nullptr);
    /* Fails unless the dext overrides it ("By default the method will fail", IOService.iig). */
    kern_return_t SetProperties(OSDictionary *properties, OSDispatchMethod supermethod = nullptr);

    /* Simulator: the registry name (the personality's IOUserClass unless SetName changed it). */
    const char *dksimName() const;

protected:
    virtual kern_return_t Start_Impl(IOService_Start_Args);
    virtual kern_return_t Stop_Impl(IOService_Stop_Args);
    virtual kern_return_t RegisterService_Impl();
    virtual kern_return_t NewUserClient_Impl(IOService_NewUserClient_Args);
    virtual kern_return_t Create_Impl(IOService_Create_Args);
    virtual kern_return_t Terminate_Impl(IOService_Terminate_Args);
    virtual kern_return_t SetName_Impl(IOService_SetName_Args);
    virtual kern_return_t CopyDispatchQueue_Impl(IOService_CopyDispatchQueue_Args);
    virtual kern_return_t SetDispatchQueue_Impl(IOService_SetDispatchQueue_Args);
    virtual kern_return_t GetRegistryEntryID_Impl(IOService_GetRegistryEntryID_Args);
    virtual kern_return_t CopyProperties_Impl(IOService_CopyProperties_Args);
    virtual kern_return_t SearchProperty_Impl(IOService_SearchProperty_Args);
    virtual kern_return_t SetProperties_Impl(IOService_SetProperties_Args);

private:
    friend struct dksim::Access;
    dksim::ServiceState *state_ = nullptr;
};

#endif

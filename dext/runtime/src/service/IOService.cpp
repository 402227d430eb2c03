#include <DriverKit/IOService.h>

#include <DriverKit/IOUserClient.h>

#include "core/Access.h"
#include "core/ObjectTracker.h"
#include "core/Runtime.h"
#include "image/Plist.h"
#include "objects/ClassRegistry.h"
#include "service/ServiceState.h"

DKSIM_CLASS_DEFINE_ABSTRACT(IOService, OSObject)

namespace dksim {

ServiceState &Access::service(const IOService *service)
{
    IOService *self = const_cast<IOService *>(service);
    if (self->state_ == nullptr) self->state_ = new ServiceState();
    return *self->state_;
}

void Access::dropService(IOService *service)
{
    ServiceState *state = service->state_;
    if (state == nullptr) return;
    for (auto &entry : state->queues) entry.second->release();
    delete state;
    service->state_ = nullptr;
}

} // namespace dksim

using dksim::Access;

bool IOService::init() { return OSObject::init(); }

void IOService::free()
{
    Access::dropService(this);
    OSObject::free();
}

kern_return_t IOService::Start(IOService *provider, OSDispatchMethod supermethod)
{
    return supermethod ? IOService::Start_Impl(provider) : Start_Impl(provider);
}

kern_return_t IOService::Stop(IOService *provider, OSDispatchMethod supermethod)
{
    return supermethod ? IOService::Stop_Impl(provider) : Stop_Impl(provider);
}

kern_return_t IOService::RegisterService(OSDispatchMethod supermethod)
{
    return supermethod ? IOService::RegisterService_Impl() : RegisterService_Impl();
}

kern_return_t IOService::NewUserClient(uint32_t type, IOUserClient **userClient, OSDispatchMethod supermethod)
{
    return supermethod ? IOService::NewUserClient_Impl(type, userClient) : NewUserClient_Impl(type, userClient);
}

kern_return_t IOService::Create(IOService *provider, const IOPropertyName propertiesKey, IOService **result,
                                OSDispatchMethod supermethod)
{
    return supermethod ? IOService::Create_Impl(provider, propertiesKey, result)
                       : Create_Impl(provider, propertiesKey, result);
}

kern_return_t IOService::Terminate(uint64_t options, OSDispatchMethod supermethod)
{
    return supermethod ? IOService::Terminate_Impl(options) : Terminate_Impl(options);
}

kern_return_t IOService::SetName(const IOServiceName name, OSDispatchMethod supermethod)
{
    return supermethod ? IOService::SetName_Impl(name) : SetName_Impl(name);
}

kern_return_t IOService::CopyDispatchQueue(const IODispatchQueueName name, IODispatchQueue **queue,
                                           OSDispatchMethod supermethod)
{
    return supermethod ? IOService::CopyDispatchQueue_Impl(name, queue) : CopyDispatchQueue_Impl(name, queue);
}

kern_return_t IOService::SetDispatchQueue(const IODispatchQueueName name, IODispatchQueue *queue,
                                          OSDispatchMethod supermethod)
{
    return supermethod ? IOService::SetDispatchQueue_Impl(name, queue) : SetDispatchQueue_Impl(name, queue);
}

IOService *IOService::GetProvider() const { return Access::service(this).provider; }

const char *IOService::dksimName() const { return Access::service(this).name.c_str(); }

kern_return_t IOService::Start_Impl(IOService *provider)
{
    dksim::ServiceState &state = Access::service(this);
    state.provider = provider;
    state.started = true;
    return kIOReturnSuccess;
}

kern_return_t IOService::Stop_Impl(IOService *)
{
    dksim::ServiceState &state = Access::service(this);
    state.stopped = true;
    dksim::Runtime &runtime = dksim::Runtime::get();
    for (auto it = runtime.registered.begin(); it != runtime.registered.end(); ++it) {
        if (*it == this) {
            runtime.registered.erase(it);
            state.registered = false;
            release();
            break;
        }
    }
    return kIOReturnSuccess;
}

kern_return_t IOService::RegisterService_Impl()
{
    dksim::ServiceState &state = Access::service(this);
    /* (inferred) A user client publishing itself does not become something apps can open: apps
     * match the dext's service, never one of its connections. */
    if (state.registered || state.userClient) return kIOReturnSuccess;
    dksim::Runtime &runtime = dksim::Runtime::get();
    retain();
    state.registered = true;
    runtime.registered.push_back(this);
    runtime.serviceRegistered(this);
    return kIOReturnSuccess;
}

kern_return_t IOService::NewUserClient_Impl(uint32_t, IOUserClient **userClient)
{
    if (userClient) *userClient = nullptr;
    return kIOReturnUnsupported;
}

kern_return_t IOService::Create_Impl(IOService *provider, const char *propertiesKey, IOService **result)
{
    if (result == nullptr || propertiesKey == nullptr) return kIOReturnBadArgument;
    *result = nullptr;
    dksim::ServiceState &state = Access::service(this);
    dksim::Runtime &runtime = dksim::Runtime::get();
    const dksim::PlistValue *properties = state.properties ? state.properties->find(propertiesKey) : nullptr;
    if (properties == nullptr || !properties->isDict()) {
        runtime.appendLog(std::string("dksim: Create: the service's properties have no dictionary '") + propertiesKey +
                          "'");
        return kIOReturnBadArgument;
    }
    const std::string *className = properties->findString("IOUserClass");
    if (className == nullptr) {
        runtime.appendLog(std::string("dksim: Create: '") + propertiesKey + "' has no IOUserClass");
        return kIOReturnBadArgument;
    }
    OSObject *object = dksim::CreateInstanceOf(*className);
    IOService *service = OSDynamicCast(IOService, object);
    if (service == nullptr) {
        runtime.appendLog("dksim: Create: class " + *className +
                          (object ? " is not an IOService" : " is not defined by the dext"));
        OSSafeReleaseNULL(object);
        return kIOReturnUnsupported;
    }
    dksim::ServiceState &created = Access::service(service);
    created.name = *className;
    created.properties = properties;
    created.userClient = strcmp(propertiesKey, "UserClientProperties") == 0;
    if (!service->init()) {
        service->release();
        return kIOReturnNoMemory;
    }
    kern_return_t ret = service->Start(provider);
    if (ret != kIOReturnSuccess) {
        service->release();
        return ret;
    }
    *result = service;
    return kIOReturnSuccess;
}

kern_return_t IOService::Terminate_Impl(uint64_t) { return Stop(GetProvider()); }

kern_return_t IOService::SetName_Impl(const char *name)
{
    if (name == nullptr) return kIOReturnBadArgument;
    Access::service(this).name = name;
    return kIOReturnSuccess;
}

kern_return_t IOService::CopyDispatchQueue_Impl(const char *name, IODispatchQueue **queue)
{
    if (name == nullptr || queue == nullptr) return kIOReturnBadArgument;
    dksim::ServiceState &state = Access::service(this);
    auto found = state.queues.find(name);
    if (found == state.queues.end()) {
        /* Every service has a default queue; the runtime creates it on first request. */
        if (strcmp(name, kIOServiceDefaultQueueName) != 0) return kIOReturnNotFound;
        IODispatchQueue *created = nullptr;
        kern_return_t ret = IODispatchQueue::Create(name, 0, 0, &created);
        if (ret != kIOReturnSuccess) return ret;
        found = state.queues.emplace(name, created).first;
    }
    found->second->retain();
    *queue = found->second;
    return kIOReturnSuccess;
}

kern_return_t IOService::SetDispatchQueue_Impl(const char *name, IODispatchQueue *queue)
{
    if (name == nullptr || queue == nullptr) return kIOReturnBadArgument;
    dksim::ServiceState &state = Access::service(this);
    queue->retain();
    auto found = state.queues.find(name);
    if (found != state.queues.end()) found->second->release();
    state.queues[name] = queue;
    return kIOReturnSuccess;
}

#include "kernel/Kernel.h"

#include <DriverKit/IOService.h>
#include <DriverKit/IOUserClient.h>

#include "core/Access.h"
#include "core/ObjectTracker.h"
#include "core/Runtime.h"
#include "device/DeviceFamily.h"
#include "memory/ClientMemory.h"
#include "objects/ClassRegistry.h"
#include "service/ServiceState.h"

namespace dksim {

/* The provider every personality matches on: DriverKit's IOUserResources (IOResourceMatch IOKit). */
class IOUserResources final : public IOService
{
    DKSIM_CLASS_DECLARE(IOUserResources, IOService)
};
DKSIM_CLASS_DEFINE_ABSTRACT(IOUserResources, IOService)

/* The provider a personality's IOProviderClass names: IOUserResources, or a device family's nub made
 * from the simulated device's description. Null with runtime.bootError set when nothing provides it. */
static IOService *ProviderFor(Runtime &runtime, const Personality &personality)
{
    if (personality.providerClass == "IOUserResources") return runtime.resources;
    std::string simulated = "IOUserResources";
    for (DeviceFamily *family : DeviceFamilies())
        for (const std::string &providerClass : family->providerClasses()) {
            if (providerClass == personality.providerClass) {
                std::string error;
                IOService *provider = family->provider(personality, runtime.device.description, error);
                if (provider == nullptr) runtime.bootError = "personality " + personality.name + ": " + error;
                return provider;
            }
            simulated += ", " + providerClass;
        }
    /* (inferred) Matching waits for a provider of that class; none exists here, and one the dext
     * would create itself (an IOUserHIDDevice from its user client) cannot exist before it starts. */
    runtime.bootError = "personality " + personality.name + ": IOProviderClass " + personality.providerClass +
                        " is not simulated (these are: " + simulated +
                        "); a dext that makes its own devices matches IOUserResources with IOResourceMatch IOKit";
    return nullptr;
}

static bool StartPersonality(Runtime &runtime, const Personality &personality)
{
    IOService *provider = ProviderFor(runtime, personality);
    if (provider == nullptr) return false;
    OSObject *object = CreateInstanceOf(personality.userClass);
    IOService *service = OSDynamicCast(IOService, object);
    if (service == nullptr) {
        runtime.bootError = "personality " + personality.name + ": IOUserClass " + personality.userClass +
                            (object ? " is not an IOService" : " is not a class of this dext (declare it in a .iig)");
        OSSafeReleaseNULL(object);
        return false;
    }
    ServiceState &state = Access::service(service);
    state.name = personality.userClass;
    state.properties = personality.properties;
    if (!service->init()) {
        runtime.bootError = personality.userClass + "::init() failed";
        service->release();
        return false;
    }
    kern_return_t ret = service->Start(provider);
    if (ret != kIOReturnSuccess) {
        runtime.bootError = personality.userClass + "::Start failed with 0x" + [ret] {
            char hex[16];
            snprintf(hex, sizeof hex, "%08x", (unsigned)ret);
            return std::string(hex);
        }();
        service->release();
        return false;
    }
    runtime.startedServices.push_back({service, provider});
    return true;
}

void StopStartedServices(Runtime &runtime, bool (*which)(const Runtime &, IOService *provider))
{
    auto &started = runtime.startedServices;
    for (size_t k = started.size(); k-- > 0;) {
        Runtime::StartedService entry = started[k];
        if (which && !which(runtime, entry.provider)) continue;
        started.erase(started.begin() + (long)k);
        entry.service->Stop(entry.provider);
        runtime.pump();
        entry.service->release();
    }
}

int32_t Boot()
{
    Runtime &runtime = Runtime::get();
    if (runtime.booted) return kIOReturnSuccess;
    /* The last system's logs outlive its reset until here: the harness tears a program down
     * (dksim_reset) and then reads what the dext logged, its Stop included. */
    runtime.logs.clear();
    std::string error;
    if (!runtime.image.load(error)) {
        SetLastError(error);
        return kIOReturnError;
    }
    runtime.bootError.clear();
    runtime.runAs(0, [&] {
        runtime.resources = NewTracked<IOUserResources>();
        Access::service(runtime.resources).name = "IOUserResources";
        for (const Personality &personality : runtime.image.personalities)
            if (!StartPersonality(runtime, personality)) break;
        runtime.pump();
    });
    if (!runtime.bootError.empty()) {
        SetLastError(runtime.bootError);
        Reset();
        return kIOReturnError;
    }
    runtime.booted = true;
    return kIOReturnSuccess;
}

int32_t Reset()
{
    Runtime &runtime = Runtime::get();
    std::vector<uint64_t> open;
    for (auto &entry : runtime.connections)
        if (entry.second.open) open.push_back(entry.first);
    for (uint64_t id : open) Close(id);
    ResetClientMemory();
    runtime.runAs(0, [&] {
        StopStartedServices(runtime, nullptr);
        for (IOService *service : runtime.registered) service->release();
        runtime.registered.clear();
        runtime.pump();
        if (runtime.resources) runtime.resources->release();
        runtime.resources = nullptr;
        for (DeviceFamily *family : DeviceFamilies()) family->reset();
        runtime.pump();
    });
    runtime.device.reset();
    runtime.violations.clear();
    runtime.dispatchRecord.clear();
    /* Whatever the dext leaked stays allocated (and counted below the new baseline); timers it
     * leaked can never fire again. */
    while (!runtime.armedTimers.empty()) runtime.disarm(runtime.armedTimers.back());
    for (Work &work : runtime.pending)
        if (work.queue) work.queue->release();
    runtime.pending.clear();
    runtime.connections.clear();
    runtime.notifications.clear();
    runtime.hidReports.clear();
    runtime.hidReportsDropped = 0;
    runtime.hidDevices.clear();
    runtime.hidDeviceIds.clear();
    runtime.nextHidDevice = 1;
    runtime.nextConnection = 1;
    runtime.nextNotification = 1;
    runtime.nextRegistryEntryID = Runtime::kFirstRegistryEntryID;
    runtime.virtualNow = 0;
    runtime.booted = false;
    RebaseLiveObjects();
    return kIOReturnSuccess;
}

} // namespace dksim

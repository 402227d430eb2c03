#include "kernel/Kernel.h"

#include <DriverKit/IOService.h>
#include <DriverKit/IOUserClient.h>

#include "core/Runtime.h"
#include "device/DeviceFamily.h"
#include "memory/ClientMemory.h"

namespace dksim {

static bool OnDevice(const Runtime &runtime, IOService *provider) { return provider != runtime.resources; }

static bool ServiceOnDevice(const Runtime &runtime, const IOService *service)
{
    for (const Runtime::StartedService &entry : runtime.startedServices)
        if (entry.service == service) return OnDevice(runtime, entry.provider);
    return false;
}

int32_t SetDevice(const char *description)
{
    Runtime &runtime = Runtime::get();
    if (runtime.booted) {
        SetLastError("dksim_set_device: the dext is running on the device already; reset first");
        return kIOReturnBusy;
    }
    PlistValue root;
    if (description != nullptr && description[0] != '\0') {
        PlistError error;
        if (!ParsePlist(description, root, error)) {
            SetLastError("device description:" + std::to_string(error.line) + ": " + error.message);
            return kIOReturnBadArgument;
        }
        if (!root.isDict()) {
            SetLastError("device description: the top level is not a dictionary");
            return kIOReturnBadArgument;
        }
    } else {
        root.kind = PlistValue::Kind::Dict;
    }
    runtime.device.description = root;
    runtime.device.described = !root.entries.empty();
    return kIOReturnSuccess;
}

int32_t FeedDevice(const uint8_t *bytes, uint64_t count)
{
    Runtime &runtime = Runtime::get();
    if (count > 0 && bytes == nullptr) {
        SetLastError("dksim_device_feed: null bytes");
        return kIOReturnBadArgument;
    }
    if (runtime.device.data.size() + count > DKSIM_MAX_DEVICE_DATA) {
        SetLastError("dksim_device_feed: more than DKSIM_MAX_DEVICE_DATA bytes would be waiting");
        return kIOReturnNoSpace;
    }
    runtime.device.data.insert(runtime.device.data.end(), bytes, bytes + count);
    if (!runtime.booted || runtime.device.unplugged) return kIOReturnSuccess;
    runtime.runAs(0, [&] {
        for (DeviceFamily *family : DeviceFamilies()) family->dataArrived();
        runtime.pump();
    });
    return kIOReturnSuccess;
}

/* What IOKit does when a device goes away under a dext (docs/driverkit-semantics.md, "Unplugging"):
 * the family fails the transfers in flight, the user clients of the dext's services are terminated
 * (the dext sees their Stop; the app's handles stay, dead), then the services themselves are stopped
 * and released. */
int32_t UnplugDevice()
{
    Runtime &runtime = Runtime::get();
    int32_t booted = Boot();
    if (booted != kIOReturnSuccess) return booted;
    if (runtime.device.unplugged) {
        SetLastError("dksim_device_unplug: the device is unplugged already");
        return kIOReturnNoDevice;
    }
    bool any = false;
    for (const Runtime::StartedService &entry : runtime.startedServices) any = any || OnDevice(runtime, entry.provider);
    if (!any) {
        SetLastError("dksim_device_unplug: no personality of the dext matches a device (only IOUserResources)");
        return kIOReturnUnsupported;
    }
    runtime.device.unplugged = true;
    runtime.runAs(0, [&] {
        for (DeviceFamily *family : DeviceFamilies()) family->unplugged();
        runtime.pump();
    });
    for (auto &entry : runtime.connections) {
        Connection &connection = entry.second;
        if (!connection.open || connection.terminated || !ServiceOnDevice(runtime, connection.service)) continue;
        connection.terminated = true;
        /* Completions sent before (the failed transfers') stay queued for the app, as messages already
         * on its notification port do; the dext's later ones are dropped. */
        IOUserClient *client = connection.client;
        IOService *service = connection.service;
        connection.client = nullptr;
        connection.service = nullptr;
        runtime.runAs(connection.id, [&] {
            client->Stop(service);
            runtime.pump();
            client->release();
            runtime.pump();
        });
        ReleaseClientMemory(connection.id);
        service->release();
    }
    runtime.runAs(0, [&] { StopStartedServices(runtime, OnDevice); });
    return kIOReturnSuccess;
}

int32_t RaiseInterrupt(uint32_t index)
{
    Runtime &runtime = Runtime::get();
    int32_t booted = Boot();
    if (booted != kIOReturnSuccess) return booted;
    if (runtime.device.unplugged) {
        SetLastError("dksim_device_interrupt: the device is unplugged");
        return kIOReturnNoDevice;
    }
    int32_t result = kIOReturnUnsupported;
    runtime.runAs(0, [&] {
        for (DeviceFamily *family : DeviceFamilies()) {
            result = family->interrupt(index);
            if (result != kIOReturnUnsupported) break;
        }
        runtime.pump();
    });
    if (result == kIOReturnUnsupported) SetLastError("dksim_device_interrupt: no device of the dext has interrupts");
    return result;
}

} // namespace dksim

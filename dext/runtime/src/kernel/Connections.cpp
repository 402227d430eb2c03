#include "kernel/Kernel.h"

#include <string.h>

#include <DriverKit/IOService.h>
#include <DriverKit/IOUserClient.h>

#include "core/Access.h"
#include "core/Runtime.h"
#include "memory/ClientMemory.h"
#include "service/ServiceState.h"

namespace dksim {

static bool Entitled(const Runtime &runtime, const char *const *accessIds, uint32_t accessCount)
{
    if (runtime.image.allowAnyUserClient) return true;
    for (uint32_t k = 0; k < accessCount; k++)
        if (accessIds && accessIds[k] && runtime.image.bundleIdentifier == accessIds[k]) return true;
    return false;
}

int32_t Open(const char *serviceName, uint32_t type, const char *const *accessIds, uint32_t accessCount,
             uint64_t *connection)
{
    Runtime &runtime = Runtime::get();
    if (connection == nullptr || serviceName == nullptr) {
        SetLastError("dksim_open: null service name or connection pointer");
        return kIOReturnBadArgument;
    }
    *connection = 0;
    int32_t booted = Boot();
    if (booted != kIOReturnSuccess) return booted;

    IOService *service = nullptr;
    for (IOService *candidate : runtime.registered)
        if (strcmp(candidate->dksimName(), serviceName) == 0) {
            service = candidate;
            break;
        }
    if (service == nullptr) {
        SetLastError(std::string("no registered service is named ") + serviceName);
        return kIOReturnNoDevice;
    }
    uint64_t id = runtime.nextConnection++;
    IOUserClient *client = nullptr;
    kern_return_t ret = kIOReturnSuccess;
    runtime.runAs(id, [&] {
        ret = service->NewUserClient(type, &client);
        runtime.pump();
    });
    if (ret != kIOReturnSuccess || client == nullptr) {
        if (client) client->release();
        SetLastError("NewUserClient failed");
        return ret != kIOReturnSuccess ? ret : kIOReturnError;
    }
    /* xnu's IOUserServer::serviceNewUserClient (iokit/Kernel/IOUserServer.cpp) creates the user
     * client through the dext's NewUserClient first and checks the app's entitlements afterwards;
     * a refused client is terminated (the dext sees Stop) and the app gets kIOReturnNotPermitted
     * (docs/driverkit-semantics.md, "Opening a connection"). */
    if (!Entitled(runtime, accessIds, accessCount)) {
        runtime.runAs(id, [&] {
            client->Stop(service);
            runtime.pump();
            client->release();
            runtime.pump();
        });
        /* Nobody will ever read this connection's log by its number: keep it with the dext's own. */
        runtime.logs[0] += runtime.logs[id];
        runtime.logs.erase(id);
        SetLastError("the client's userclient-access does not list " + runtime.image.bundleIdentifier +
                     " and the dext lacks allow-any-userclient-access");
        return kIOReturnNotPermitted;
    }
    Access::service(client).userClient = true;
    service->retain();
    Connection &opened = runtime.connections[id];
    opened.id = id;
    opened.service = service;
    opened.client = client;
    opened.open = true;
    *connection = id;
    return kIOReturnSuccess;
}

int32_t Close(uint64_t id)
{
    Runtime &runtime = Runtime::get();
    Connection *connection = runtime.findOpen(id);
    if (connection == nullptr) {
        SetLastError("connection " + std::to_string(id) + " is not open");
        return kIOReturnNotOpen;
    }
    /* From here on completions for it are dropped; its log stays readable until reset. */
    connection->open = false;
    connection->completions.clear();
    /* Unplugging terminated its user client already: only the app's handle was left. */
    if (connection->terminated) return kIOReturnSuccess;
    IOUserClient *client = connection->client;
    IOService *service = connection->service;
    connection->client = nullptr;
    connection->service = nullptr;
    runtime.runAs(id, [&] {
        client->Stop(service);
        runtime.pump();
        client->release();
        runtime.pump();
    });
    /* (inferred) The app exits with its connection: the memory it mapped is unmapped then. */
    ReleaseClientMemory(id);
    service->release();
    return kIOReturnSuccess;
}

} // namespace dksim

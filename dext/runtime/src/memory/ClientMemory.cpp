#include "memory/ClientMemory.h"

#include <map>
#include <stdio.h>
#include <string.h>
#include <string>

#include <DriverKit/IODataQueueDispatchSource.h>
#include <DriverKit/IOMemoryDescriptor.h>
#include <DriverKit/IOUserClient.h>

#include "core/Runtime.h"

namespace dksim {

namespace {

/* One IOConnectMapMemory64 that succeeded: the kernel's IOMemoryMap, which holds the descriptor the
 * dext returned (its +1 reference: xnu's mapClientMemory64 releases the descriptor only after
 * createMappingInTask has retained it for the map). */
struct ClientMapping {
    uint64_t connection = 0;
    uint32_t type = 0;
    IOMemoryDescriptor *memory = nullptr; /* read and written through dksimCopyIn/Out: a concatenation's
                                           * bytes are its components' */
    uint64_t length = 0;
    bool readOnly = false;
};

std::map<uint64_t, ClientMapping> &Mappings()
{
    static std::map<uint64_t, ClientMapping> mappings;
    return mappings;
}

uint64_t nextMap = 1;

std::string Hex(int32_t value)
{
    char text[16];
    snprintf(text, sizeof text, "0x%08x", (uint32_t)value);
    return text;
}

/* Runs the dext's CopyClientMemoryForType on the connection's behalf. options starts at 0:
 * IOUserUserClient::clientMemoryForType passes a local the dext is expected to set (inferred:
 * the IPC reply carries whatever the dext left in it, 0 unless it wrote one). */
kern_return_t AskDext(Connection &connection, uint32_t type, uint64_t *options, IOMemoryDescriptor **memory)
{
    Runtime &runtime = Runtime::get();
    kern_return_t ret = kIOReturnSuccess;
    *options = 0;
    *memory = nullptr;
    runtime.runAs(connection.id, [&] {
        ret = connection.client->CopyClientMemoryForType(type, options, memory);
        runtime.pump();
    });
    return ret;
}

ClientMapping *Find(uint64_t map, const char *what)
{
    auto found = Mappings().find(map);
    if (found != Mappings().end()) return &found->second;
    SetLastError(std::string(what) + ": no mapping " + std::to_string(map));
    return nullptr;
}

/* The app's access must lie within its mapping: past it the app itself would fault, which is not
 * the dext's doing, so the simulator refuses it instead. */
bool InRange(const ClientMapping &mapping, uint64_t offset, uint64_t count, const char *what)
{
    uint64_t end = 0;
    if (!__builtin_add_overflow(offset, count, &end) && end <= mapping.length) return true;
    SetLastError(std::string(what) + ": offset " + std::to_string(offset) + " + " + std::to_string(count) +
                 " bytes is past the mapping's " + std::to_string(mapping.length) + " bytes");
    return false;
}

} // namespace

int32_t MapClientMemory(uint64_t connection, uint32_t type, uint64_t *options, uint64_t *map, uint64_t *length)
{
    if (options == nullptr || map == nullptr || length == nullptr) {
        SetLastError("dksim_map_memory: null options, map or length pointer");
        return kIOReturnBadArgument;
    }
    *options = 0;
    *map = 0;
    *length = 0;
    Runtime &runtime = Runtime::get();
    Connection *open = nullptr;
    int32_t live = runtime.findLive(connection, open);
    if (live != kIOReturnSuccess) return live;
    IOMemoryDescriptor *memory = nullptr;
    kern_return_t ret = AskDext(*open, type, options, &memory);
    /* xnu is_io_connect_map_memory_into_task: whatever went wrong (the dext's error, no
     * descriptor, a mapping that cannot be made), the app gets kIOReturnBadArgument. On an error
     * IOUserUserClient::clientMemoryForType takes no descriptor, so one the dext returned anyway
     * stays the dext's (a leak objects.balance sees). */
    if (ret != kIOReturnSuccess) {
        SetLastError("the dext's CopyClientMemoryForType(type " + std::to_string(type) + ") returned " + Hex(ret));
        *options = 0;
        return kIOReturnBadArgument;
    }
    if (memory == nullptr) {
        SetLastError("the dext's CopyClientMemoryForType(type " + std::to_string(type) +
                     ") succeeded without a memory descriptor");
        return kIOReturnBadArgument;
    }
    /* createMappingInTask of a descriptor with no bytes fails; mapClientMemory64 releases the
     * descriptor either way. */
    if (memory->dksimLength() == 0) {
        runtime.runAs(connection, [&] { memory->release(); });
        SetLastError("the dext's CopyClientMemoryForType(type " + std::to_string(type) +
                     ") returned an empty descriptor: nothing to map");
        return kIOReturnBadArgument;
    }
    ClientMapping mapping;
    mapping.connection = connection;
    mapping.type = type;
    mapping.memory = memory;
    mapping.length = memory->dksimLength();
    /* IOUserUserClient::clientMemoryForType turns kIOUserClientMemoryReadOnly into kIOMapReadOnly. */
    mapping.readOnly = (*options & kIOUserClientMemoryReadOnly) != 0;
    uint64_t id = nextMap++;
    Mappings()[id] = mapping;
    *map = id;
    *length = mapping.length;
    return kIOReturnSuccess;
}

int32_t UnmapClientMemory(uint64_t map)
{
    ClientMapping *mapping = Find(map, "dksim_unmap_memory");
    if (mapping == nullptr) return kIOReturnBadArgument;
    Runtime &runtime = Runtime::get();
    Connection *open = runtime.findOpen(mapping->connection);
    if (open == nullptr) {
        SetLastError("the mapping's connection is closed");
        return kIOReturnNotOpen;
    }
    /* xnu is_io_connect_unmap_memory_from_task asks the dext for the type's memory again and looks
     * up the task's existing mapping of that descriptor (kIOMapReference); without one — an error, no
     * descriptor, another descriptor — the app gets kIOReturnBadArgument and the mapping stays. */
    uint64_t options = 0;
    IOMemoryDescriptor *memory = nullptr;
    kern_return_t ret = AskDext(*open, mapping->type, &options, &memory);
    bool same = ret == kIOReturnSuccess && memory == mapping->memory;
    uint64_t connection = mapping->connection;
    IOMemoryDescriptor *mapped = mapping->memory;
    if (ret == kIOReturnSuccess && memory) runtime.runAs(connection, [&] { memory->release(); });
    if (!same) {
        SetLastError("the dext's CopyClientMemoryForType(type " + std::to_string(mapping->type) +
                     ") did not return the mapped descriptor again (" + Hex(ret) + "): nothing unmapped");
        return kIOReturnBadArgument;
    }
    Mappings().erase(map);
    runtime.runAs(connection, [&] {
        mapped->release();
        runtime.pump();
    });
    return kIOReturnSuccess;
}

int32_t WriteClientMemory(uint64_t map, uint64_t offset, const void *bytes, uint64_t count)
{
    ClientMapping *mapping = Find(map, "dksim_memory_write");
    if (mapping == nullptr) return kIOReturnBadArgument;
    if (bytes == nullptr && count > 0) {
        SetLastError("dksim_memory_write: null bytes");
        return kIOReturnBadArgument;
    }
    /* A store to a kIOMapReadOnly mapping faults in the app; here the write is refused. */
    if (mapping->readOnly) {
        SetLastError("dksim_memory_write: the dext shared this memory read-only (kIOUserClientMemoryReadOnly)");
        return kIOReturnNotWritable;
    }
    if (!InRange(*mapping, offset, count, "dksim_memory_write")) return kIOReturnBadArgument;
    if (count == 0) return kIOReturnSuccess;
    /* A store into a data queue's memory is the app's IODataQueueClient at work: the dext's side
     * of the queue hears of it (dispatch/DataQueueHandlers.cpp) and its handlers run now. */
    IODataQueueDispatchSource *queue = DataQueueOfMemory(mapping->memory);
    uint32_t head = 0;
    uint32_t tail = 0;
    bool watched = queue && queue->dksimOffsets(&head, &tail);
    mapping->memory->dksimCopyIn(offset, bytes, count);
    if (watched) {
        Runtime &runtime = Runtime::get();
        runtime.runAs(mapping->connection, [&] {
            if (queue->dksimAppStored(head, tail)) runtime.pump();
        });
    }
    return kIOReturnSuccess;
}

int32_t ReadClientMemory(uint64_t map, uint64_t offset, void *bytes, uint64_t count)
{
    ClientMapping *mapping = Find(map, "dksim_memory_read");
    if (mapping == nullptr) return kIOReturnBadArgument;
    if (bytes == nullptr && count > 0) {
        SetLastError("dksim_memory_read: null bytes");
        return kIOReturnBadArgument;
    }
    if (!InRange(*mapping, offset, count, "dksim_memory_read")) return kIOReturnBadArgument;
    if (count > 0) mapping->memory->dksimCopyOut(offset, bytes, count);
    return kIOReturnSuccess;
}

void ReleaseClientMemory(uint64_t connection)
{
    Runtime &runtime = Runtime::get();
    auto &mappings = Mappings();
    for (auto it = mappings.begin(); it != mappings.end();) {
        if (it->second.connection != connection) {
            ++it;
            continue;
        }
        IOMemoryDescriptor *memory = it->second.memory;
        it = mappings.erase(it);
        runtime.runAs(connection, [&] {
            memory->release();
            runtime.pump();
        });
    }
}

void ResetClientMemory()
{
    /* Every connection is closed by now, so every mapping is gone with it. */
    Mappings().clear();
    nextMap = 1;
}

} // namespace dksim

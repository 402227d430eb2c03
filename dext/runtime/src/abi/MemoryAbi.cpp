/*
 * The C ABI of dksim.h's shared-memory functions (IOConnectMapMemory64 and the app's accesses to
 * what it mapped): each takes the runtime's lock and clears the thread's last error, as dksim.cpp's
 * entry points do, and hands over to memory/ClientMemory.
 */
#include <dksim.h>

#include <mutex>

#include "abi/Enter.h"
#include "core/Runtime.h"
#include "memory/ClientMemory.h"

using dksim::Enter;

extern "C" {

int32_t dksim_map_memory(dksim_connection_t connection, uint32_t type, uint64_t *options, uint64_t *map,
                         uint64_t *length)
{
    auto held = Enter();
    return dksim::MapClientMemory(connection, type, options, map, length);
}

int32_t dksim_unmap_memory(uint64_t map)
{
    auto held = Enter();
    return dksim::UnmapClientMemory(map);
}

int32_t dksim_memory_write(uint64_t map, uint64_t offset, const void *bytes, uint64_t count)
{
    auto held = Enter();
    return dksim::WriteClientMemory(map, offset, bytes, count);
}

int32_t dksim_memory_read(uint64_t map, uint64_t offset, void *bytes, uint64_t count)
{
    auto held = Enter();
    return dksim::ReadClientMemory(map, offset, bytes, count);
}

} // extern "C"

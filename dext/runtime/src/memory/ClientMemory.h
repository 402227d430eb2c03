/*
 * Memory a dext shares with its app: what the kernel does when the app calls
 * IOConnectMapMemory64(connect, type, mach_task_self(), &address, &size, kIOMapAnywhere)
 * (IOKitLib.h) or IOConnectUnmapMemory64. The runtime's lock is held by the caller (the C ABI).
 */
#ifndef DKSIM_CLIENT_MEMORY_H
#define DKSIM_CLIENT_MEMORY_H

#include <stdint.h>

namespace dksim {

/* xnu is_io_connect_map_memory_into_task -> IOUserClient::mapClientMemory64 ->
 * IOUserUserClient::clientMemoryForType -> the dext's CopyClientMemoryForType. */
int32_t MapClientMemory(uint64_t connection, uint32_t type, uint64_t *options, uint64_t *map, uint64_t *length);
/* xnu is_io_connect_unmap_memory_from_task: asks the dext for the type's memory again. */
int32_t UnmapClientMemory(uint64_t map);
/* The app's loads and stores through its mapping. */
int32_t WriteClientMemory(uint64_t map, uint64_t offset, const void *bytes, uint64_t count);
int32_t ReadClientMemory(uint64_t map, uint64_t offset, void *bytes, uint64_t count);
/* The app is gone (IOServiceClose, then exit): its mappings of the connection drop their references. */
void ReleaseClientMemory(uint64_t connection);
/* dksim_reset: mapping numbers start again at 1. */
void ResetClientMemory();

} // namespace dksim

#endif

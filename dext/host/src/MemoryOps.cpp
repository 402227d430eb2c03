/*
 * Memory a dext shares with its app (protocol 4): IOConnectMapMemory64 and the app's loads and stores
 * through the mapping, as dksim_map_memory / dksim_unmap_memory / dksim_memory_write /
 * dksim_memory_read (dext/host/PROTOCOL.md). A read answers with exactly the bytes asked for, even
 * when it fails (as dksim left them: zeros), so the answer's shape never depends on the status.
 */
#include "Handlers.h"

#include "Limits.h"

#include <dksim.h>
#include <vector>

namespace dexthost {

bool HandleMapMemory(PayloadReader &in, Answer &answer)
{
    uint64_t connection = 0;
    uint32_t type = 0;
    if (!in.U64(connection, "connection") || !in.U32(type, "type") || !in.Finish()) return false;
    uint64_t options = 0, map = 0, length = 0;
    answer.status = dksim_map_memory(connection, type, &options, &map, &length);
    answer.payload.U64(options);
    answer.payload.U64(map);
    answer.payload.U64(length);
    return true;
}

bool HandleUnmapMemory(PayloadReader &in, Answer &answer)
{
    uint64_t map = 0;
    if (!in.U64(map, "map") || !in.Finish()) return false;
    answer.status = dksim_unmap_memory(map);
    return true;
}

bool HandleWriteMemory(PayloadReader &in, Answer &answer)
{
    uint64_t map = 0, offset = 0, count = 0;
    const uint8_t *bytes = nullptr;
    if (!in.U64(map, "map") || !in.U64(offset, "offset") || !in.Size(count, kMaxStructBytes, "count") ||
        !in.Bytes(bytes, count, "bytes") || !in.Finish())
        return false;
    answer.status = dksim_memory_write(map, offset, bytes, count);
    return true;
}

bool HandleReadMemory(PayloadReader &in, Answer &answer)
{
    uint64_t map = 0, offset = 0, count = 0;
    if (!in.U64(map, "map") || !in.U64(offset, "offset") || !in.Size(count, kMaxStructBytes, "count") || !in.Finish())
        return false;
    std::vector<uint8_t> bytes(static_cast<size_t>(count), 0);
    answer.status = dksim_memory_read(map, offset, bytes.data(), count);
    answer.payload.U64(count);
    answer.payload.Bytes(bytes.data(), bytes.size());
    return true;
}

} // namespace dexthost

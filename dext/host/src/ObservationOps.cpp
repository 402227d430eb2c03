#include "Handlers.h"

#include "Limits.h"

#include <algorithm>
#include <dksim.h>
#include <vector>

namespace dexthost {

namespace {

/*
 * dksim's copy contract (full length returned, capacity-1 bytes copied) asks for the length first.
 * A runtime thread may log between the two calls in real-clock mode, so what is sent is what the
 * second call copied, never more than its buffer held.
 */
template <class Read>
void WriteText(Answer &answer, Read read)
{
    uint64_t length = std::min<uint64_t>(read(nullptr, 0), kMaxText);
    std::vector<char> buffer(static_cast<size_t>(length) + 1);
    uint64_t full = read(buffer.data(), buffer.size());
    answer.payload.String(buffer.data(), static_cast<size_t>(std::min<uint64_t>(full, buffer.size() - 1)));
}

} // namespace

bool HandleLiveObjects(PayloadReader &in, Answer &answer)
{
    std::string className;
    if (!in.String(className, "class_name") || !in.Finish()) return false;
    answer.payload.U64(static_cast<uint64_t>(dksim_live_objects(className.c_str())));
    return true;
}

bool HandleLiveObjectsText(PayloadReader &in, Answer &answer)
{
    if (!in.Finish()) return false;
    WriteText(answer, [](char *buffer, uint64_t capacity) { return dksim_live_objects_text(buffer, capacity); });
    return true;
}

bool HandleReadLog(PayloadReader &in, Answer &answer)
{
    uint64_t connection;
    if (!in.U64(connection, "connection") || !in.Finish()) return false;
    WriteText(answer,
              [connection](char *buffer, uint64_t capacity) { return dksim_read_log(connection, buffer, capacity); });
    return true;
}

} // namespace dexthost

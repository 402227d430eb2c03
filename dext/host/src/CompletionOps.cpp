#include "Handlers.h"

#include "Limits.h"

#include <algorithm>
#include <dksim.h>

namespace dexthost {

namespace {

/* Field by field, in dksim_completion's order: 160 bytes each on the wire as in memory. */
void WriteCompletions(Answer &answer, const std::vector<dksim_completion> &taken, uint32_t count)
{
    count = std::min(count, static_cast<uint32_t>(taken.size()));
    answer.payload.U32(count);
    for (uint32_t k = 0; k < count; k++) {
        const auto &completion = taken[k];
        answer.payload.U64(completion.callback);
        answer.payload.U64(completion.refcon);
        answer.payload.I32(completion.status);
        answer.payload.U32(completion.arg_count);
        for (auto arg : completion.args) answer.payload.U64(arg);
        answer.payload.U64(completion.time_ns);
    }
}

} // namespace

bool HandleTakeCompletions(PayloadReader &in, Answer &answer)
{
    uint64_t connection;
    uint32_t capacity;
    if (!in.U64(connection, "connection") || !in.Count(capacity, kMaxCompletions, "capacity") || !in.Finish())
        return false;
    /* Kept across requests (one thread serves them): a program takes completions after every call,
     * mostly finding none, and a fresh 64-entry buffer (10 KiB, zeroed) per take is an allocation and
     * a memset under ASan each time. Only the entries dksim filled are sent. */
    static std::vector<dksim_completion> taken;
    if (taken.size() < capacity) taken.resize(capacity);
    uint32_t count = 0;
    answer.status = dksim_take_completions(connection, taken.data(), capacity, &count);
    WriteCompletions(answer, taken, count);
    return true;
}

bool HandleWaitCompletions(PayloadReader &in, Answer &answer)
{
    uint64_t connection, timeoutNs;
    uint32_t capacity;
    if (!in.U64(connection, "connection") || !in.U64(timeoutNs, "timeout_ns") ||
        !in.Count(capacity, kMaxCompletions, "capacity") || !in.Finish())
        return false;
    std::vector<dksim_completion> taken(capacity);
    uint32_t count = 0;
    answer.status = dksim_wait_completions(connection, timeoutNs, taken.data(), capacity, &count);
    WriteCompletions(answer, taken, count);
    return true;
}

} // namespace dexthost

/*
 * TakeDispatchEntries (protocol 6): the IOUserClientMethodDispatch entries the dext passed to the
 * default IOUserClient::ExternalMethod (dksim_take_dispatch_entries), first recorded first, each sent
 * field by field so the wire does not depend on the struct's layout (dext/host/PROTOCOL.md).
 */
#include "Handlers.h"

#include "Limits.h"

#include <dksim.h>
#include <vector>

namespace dexthost {

bool HandleTakeDispatchEntries(PayloadReader &in, Answer &answer)
{
    uint32_t capacity = 0;
    if (!in.Count(capacity, kMaxDispatchEntries, "capacity") || !in.Finish()) return false;
    std::vector<dksim_dispatch_entry> entries(capacity == 0 ? 1 : capacity);
    uint32_t count = 0;
    answer.status = dksim_take_dispatch_entries(entries.data(), capacity, &count);
    answer.payload.U32(count);
    for (uint32_t k = 0; k < count; k++) {
        const dksim_dispatch_entry &entry = entries[k];
        answer.payload.U64(entry.connection);
        answer.payload.U64(entry.selector);
        answer.payload.U32(entry.flags);
        answer.payload.U32(entry.check_completion_exists);
        answer.payload.U32(entry.check_scalar_input_count);
        answer.payload.U32(entry.check_structure_input_size);
        answer.payload.U32(entry.check_scalar_output_count);
        answer.payload.U32(entry.check_structure_output_size);
        answer.payload.U32(entry.calls);
    }
    return true;
}

} // namespace dexthost

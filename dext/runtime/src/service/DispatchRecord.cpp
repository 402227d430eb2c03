#include "service/DispatchRecord.h"

#include <algorithm>
#include <vector>

#include <DriverKit/IOUserClient.h>

namespace dksim {

/* Bounded like the other records: distinct entries are few (selectors × connections between two
 * takes), but a fuzzer that never takes them must not grow the table without end. */
static constexpr size_t kMaxDispatchEntries = 4096;

void DispatchRecord::record(uint64_t connection, uint64_t selector, const IOUserClientMethodDispatch *dispatch)
{
    Key key = dispatch == nullptr ? Key{connection, selector, DKSIM_DISPATCH_NO_ENTRY, 0, 0, 0, 0, 0}
                                  : Key{connection,
                                        selector,
                                        dispatch->function == nullptr ? DKSIM_DISPATCH_NO_FUNCTION : 0u,
                                        dispatch->checkCompletionExists,
                                        dispatch->checkScalarInputCount,
                                        dispatch->checkStructureInputSize,
                                        dispatch->checkScalarOutputCount,
                                        dispatch->checkStructureOutputSize};
    auto found = entries_.find(key);
    if (found == entries_.end()) {
        if (entries_.size() >= kMaxDispatchEntries) return;
        found = entries_.emplace(key, Seen{nextOrder_++, 0}).first;
    }
    if (found->second.calls < UINT32_MAX) found->second.calls++;
}

uint32_t DispatchRecord::take(dksim_dispatch_entry *out, uint32_t capacity)
{
    std::vector<std::map<Key, Seen>::iterator> oldest;
    for (auto it = entries_.begin(); it != entries_.end(); ++it) oldest.push_back(it);
    std::sort(oldest.begin(), oldest.end(), [](auto a, auto b) { return a->second.order < b->second.order; });
    uint32_t taken = 0;
    for (auto it : oldest) {
        if (taken == capacity) break;
        dksim_dispatch_entry &entry = out[taken++];
        entry = {};
        std::tie(entry.connection, entry.selector, entry.flags, entry.check_completion_exists,
                 entry.check_scalar_input_count, entry.check_structure_input_size, entry.check_scalar_output_count,
                 entry.check_structure_output_size) = it->first;
        entry.calls = it->second.calls;
        entries_.erase(it);
    }
    return taken;
}

void DispatchRecord::clear()
{
    entries_.clear();
    nextOrder_ = 0;
}

} // namespace dksim

/*
 * What the default IOUserClient::ExternalMethod was given: per connection and selector, the
 * IOUserClientMethodDispatch entry a dext passed to super::ExternalMethod (its check fields, and
 * whether its function is null), or that it passed none. `conformancekit spec init` drafts a spec
 * from it and `spec diff` compares a spec with it; a selector the dext answers without reaching
 * super::ExternalMethod (a switch) records nothing, which is how such a dext shows.
 */
#ifndef DKSIM_DISPATCH_RECORD_H
#define DKSIM_DISPATCH_RECORD_H

#include <cstdint>
#include <map>
#include <tuple>

#include <dksim.h>

struct IOUserClientMethodDispatch;

namespace dksim {

class DispatchRecord
{
public:
    /* Records one pass through ExternalMethod for the connection running now. Lock held. */
    void record(uint64_t connection, uint64_t selector, const IOUserClientMethodDispatch *dispatch);
    /* Moves up to capacity entries into out, first recorded first. */
    uint32_t take(dksim_dispatch_entry *out, uint32_t capacity);
    uint32_t count() const { return (uint32_t)entries_.size(); }
    void clear();

private:
    /* connection, selector, flags, then the five check fields: one entry per distinct tuple, so a dext
     * that passes different entries for one selector shows every one of them. */
    using Key = std::tuple<uint64_t, uint64_t, uint32_t, uint32_t, uint32_t, uint32_t, uint32_t, uint32_t>;
    struct Seen {
        uint64_t order = 0;
        uint32_t calls = 0;
    };
    std::map<Key, Seen> entries_;
    uint64_t nextOrder_ = 0;
};

} // namespace dksim

#endif

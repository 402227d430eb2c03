/*
 * The C ABI of dksim.h's dispatch-entry record (service/DispatchRecord.h): what the dext passed to
 * the default IOUserClient::ExternalMethod, for the harness's `spec init` and `spec diff`.
 */
#include <dksim.h>

#include <DriverKit/IOReturn.h>

#include "abi/Enter.h"
#include "core/Runtime.h"

using dksim::Enter;
using dksim::Runtime;

static_assert(sizeof(dksim_dispatch_entry) == 48, "dksim_dispatch_entry is 48 bytes on the wire");

extern "C" {

uint32_t dksim_dispatch_entry_count(void)
{
    auto held = Enter();
    return Runtime::get().dispatchRecord.count();
}

int32_t dksim_take_dispatch_entries(dksim_dispatch_entry *out, uint32_t capacity, uint32_t *count)
{
    auto held = Enter();
    if (count == nullptr || (capacity > 0 && out == nullptr)) return kIOReturnBadArgument;
    *count = Runtime::get().dispatchRecord.take(out, capacity);
    return kIOReturnSuccess;
}

} // extern "C"

/*
 * The simulated device (protocol 5): its description, its data, its interrupts and its unplugging, as
 * dksim_set_device / dksim_device_feed / dksim_device_interrupt / dksim_device_unplug, and the rules
 * the runtime saw broken (dksim_take_violation), all taken in one answer (dext/host/PROTOCOL.md).
 */
#include "Handlers.h"

#include "Limits.h"

#include <cstring>
#include <dksim.h>
#include <string>
#include <vector>

namespace dexthost {

bool HandleSetDevice(PayloadReader &in, Answer &answer)
{
    uint64_t size = 0;
    const uint8_t *bytes = nullptr;
    if (!in.Size(size, kMaxDeviceDescription, "size") || !in.Bytes(bytes, size, "description") || !in.Finish())
        return false;
    std::string description(reinterpret_cast<const char *>(bytes), static_cast<size_t>(size));
    answer.status = dksim_set_device(description.c_str());
    return true;
}

bool HandleFeedDevice(PayloadReader &in, Answer &answer)
{
    uint64_t count = 0;
    const uint8_t *bytes = nullptr;
    if (!in.Size(count, DKSIM_MAX_DEVICE_DATA, "count") || !in.Bytes(bytes, count, "bytes") || !in.Finish())
        return false;
    answer.status = dksim_device_feed(bytes, count);
    return true;
}

bool HandleUnplugDevice(PayloadReader &in, Answer &answer)
{
    if (!in.Finish()) return false;
    answer.status = dksim_device_unplug();
    return true;
}

bool HandleRaiseInterrupt(PayloadReader &in, Answer &answer)
{
    uint32_t index = 0;
    if (!in.U32(index, "index") || !in.Finish()) return false;
    answer.status = dksim_device_interrupt(index);
    return true;
}

bool HandleTakeViolations(PayloadReader &in, Answer &answer)
{
    uint32_t capacity = 0;
    if (!in.Count(capacity, kMaxViolations, "capacity") || !in.Finish()) return false;
    uint32_t available = dksim_violation_count();
    uint32_t count = available < capacity ? available : capacity;
    std::vector<char> message(4096);
    answer.payload.U32(count);
    for (uint32_t k = 0; k < count; k++) {
        dksim_violation violation{};
        if (dksim_take_violation(&violation, message.data(), message.size()) != 0) {
            violation = {};
            message[0] = '\0';
        }
        answer.payload.String(violation.rule, strnlen(violation.rule, sizeof violation.rule));
        answer.payload.U64(violation.time_ns);
        answer.payload.U64(violation.connection);
        answer.payload.String(message.data(), strnlen(message.data(), message.size()));
    }
    return true;
}

} // namespace dexthost

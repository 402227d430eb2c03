/*
 * The C ABI of dksim.h: each entry point takes the runtime's lock, clears the thread's last error
 * and hands over to the kernel model. Nothing here judges the dext; the harness does.
 */
#include <dksim.h>

#include <string.h>

#include <DriverKit/IOService.h>

#include "abi/Enter.h"
#include "core/ObjectTracker.h"
#include "core/Runtime.h"
#include "coverage/Coverage.h"
#include "kernel/Kernel.h"

using dksim::Runtime;

namespace {

uint64_t CopyText(const std::string &text, char *buffer, uint64_t capacity)
{
    if (buffer && capacity > 0) {
        uint64_t copied = text.size() < capacity - 1 ? text.size() : capacity - 1;
        memcpy(buffer, text.data(), copied);
        buffer[copied] = '\0';
    }
    return text.size();
}

int32_t Take(dksim::Connection &connection, dksim_completion *out, uint32_t capacity, uint32_t *count)
{
    uint32_t taken = 0;
    while (taken < capacity && !connection.completions.empty()) {
        out[taken++] = connection.completions.front();
        connection.completions.pop_front();
    }
    *count = taken;
    return kIOReturnSuccess;
}

} // namespace

using dksim::Enter;

extern "C" {

uint32_t dksim_abi_version(void) { return DKSIM_ABI_VERSION; }

const char *dksim_dext_identifier(void)
{
    auto held = Enter();
    std::string error;
    Runtime &runtime = Runtime::get();
    if (!runtime.image.load(error)) {
        dksim::SetLastError(error);
        return "";
    }
    return runtime.image.bundleIdentifier.c_str();
}

const char *dksim_last_error(void) { return dksim::LastError(); }

int32_t dksim_boot(void)
{
    auto held = Enter();
    return dksim::Boot();
}

int32_t dksim_reset(void)
{
    auto held = Enter();
    Runtime &runtime = Runtime::get();
    runtime.stopRealClock(held);
    runtime.clockMode = DKSIM_CLOCK_VIRTUAL;
    return dksim::Reset();
}

int32_t dksim_count_matching(const char *service_name, uint32_t *count)
{
    auto held = Enter();
    if (service_name == nullptr || count == nullptr) return kIOReturnBadArgument;
    uint32_t matched = 0;
    for (IOService *service : Runtime::get().registered)
        if (strcmp(service->dksimName(), service_name) == 0) matched++;
    *count = matched;
    return kIOReturnSuccess;
}

int32_t dksim_add_match_notification(const char *service_name, uint64_t *notification)
{
    auto held = Enter();
    if (service_name == nullptr || notification == nullptr) return kIOReturnBadArgument;
    Runtime &runtime = Runtime::get();
    uint64_t id = runtime.nextNotification++;
    dksim::MatchNotification &added = runtime.notifications[id];
    added.name = service_name;
    /* kIOFirstMatchNotification also reports the services already registered. */
    for (IOService *service : runtime.registered)
        if (added.name == service->dksimName()) added.matched++;
    *notification = id;
    return kIOReturnSuccess;
}

int32_t dksim_poll_match_notification(uint64_t notification, uint32_t *matched)
{
    auto held = Enter();
    if (matched == nullptr) return kIOReturnBadArgument;
    auto &notifications = Runtime::get().notifications;
    auto found = notifications.find(notification);
    if (found == notifications.end()) return kIOReturnNotFound;
    *matched = found->second.matched;
    return kIOReturnSuccess;
}

int32_t dksim_open(const char *service_name, uint32_t type, const char *const *access_ids, uint32_t access_count,
                   dksim_connection_t *connection)
{
    auto held = Enter();
    return dksim::Open(service_name, type, access_ids, access_count, connection);
}

int32_t dksim_close(dksim_connection_t connection)
{
    auto held = Enter();
    return dksim::Close(connection);
}

int32_t dksim_call_method(dksim_connection_t connection, uint32_t selector, const uint64_t *scalar_input,
                          uint32_t scalar_input_count, const void *struct_input, uint64_t struct_input_size,
                          uint64_t *scalar_output, uint32_t *scalar_output_count, void *struct_output,
                          uint64_t *struct_output_size)
{
    auto held = Enter();
    dksim::CallBuffers buffers{scalar_input,  scalar_input_count,  struct_input,  struct_input_size,
                               scalar_output, scalar_output_count, struct_output, struct_output_size};
    return dksim::CallMethod(connection, selector, nullptr, 0, false, buffers);
}

int32_t dksim_call_async_method(dksim_connection_t connection, uint32_t selector, const uint64_t *reference,
                                uint32_t reference_count, const uint64_t *scalar_input, uint32_t scalar_input_count,
                                const void *struct_input, uint64_t struct_input_size, uint64_t *scalar_output,
                                uint32_t *scalar_output_count, void *struct_output, uint64_t *struct_output_size)
{
    auto held = Enter();
    dksim::CallBuffers buffers{scalar_input,  scalar_input_count,  struct_input,  struct_input_size,
                               scalar_output, scalar_output_count, struct_output, struct_output_size};
    return dksim::CallMethod(connection, selector, reference, reference_count, true, buffers);
}

int32_t dksim_take_completions(dksim_connection_t connection, dksim_completion *out, uint32_t capacity, uint32_t *count)
{
    auto held = Enter();
    if (count == nullptr || (capacity && out == nullptr)) return kIOReturnBadArgument;
    *count = 0;
    dksim::Connection *open = Runtime::get().findOpen(connection);
    if (open == nullptr) return kIOReturnNotOpen;
    return Take(*open, out, capacity, count);
}

int32_t dksim_wait_completions(dksim_connection_t connection, uint64_t timeout_ns, dksim_completion *out,
                               uint32_t capacity, uint32_t *count)
{
    auto held = Enter();
    if (count == nullptr || capacity == 0 || out == nullptr) return kIOReturnBadArgument;
    *count = 0;
    Runtime &runtime = Runtime::get();
    if (runtime.findOpen(connection) == nullptr) return kIOReturnNotOpen;
    uint64_t limit = runtime.now() + timeout_ns;
    if (runtime.clockMode == DKSIM_CLOCK_VIRTUAL) {
        /* Jump from deadline to deadline until something arrives or the timeout is reached. */
        for (;;) {
            dksim::Connection *open = runtime.findOpen(connection);
            if (open == nullptr) return kIOReturnNotOpen;
            if (!open->completions.empty()) return Take(*open, out, capacity, count);
            uint64_t deadline = 0;
            if (!runtime.nextDeadline(deadline) || deadline > limit) break;
            runtime.fireDueTimers(deadline);
        }
        runtime.virtualNow = limit;
        return kIOReturnTimeout;
    }
    runtime.changed.wait_for(held, std::chrono::nanoseconds(timeout_ns), [&] {
        dksim::Connection *open = runtime.findOpen(connection);
        return open == nullptr || !open->completions.empty();
    });
    dksim::Connection *open = runtime.findOpen(connection);
    if (open == nullptr) return kIOReturnNotOpen;
    if (open->completions.empty()) return kIOReturnTimeout;
    return Take(*open, out, capacity, count);
}

int32_t dksim_set_clock_mode(int32_t mode)
{
    auto held = Enter();
    Runtime &runtime = Runtime::get();
    if (mode != DKSIM_CLOCK_VIRTUAL && mode != DKSIM_CLOCK_REAL) return kIOReturnBadArgument;
    if (mode == runtime.clockMode) return kIOReturnSuccess;
    /* Armed deadlines were read on the old clock and mean nothing on the new one. */
    if (!runtime.armedTimers.empty()) {
        dksim::SetLastError("cannot change the clock while timers are armed (reset first)");
        return kIOReturnBusy;
    }
    if (mode == DKSIM_CLOCK_REAL) {
        runtime.clockMode = DKSIM_CLOCK_REAL;
        runtime.startRealClock();
    } else {
        runtime.stopRealClock(held);
        runtime.clockMode = DKSIM_CLOCK_VIRTUAL;
    }
    return kIOReturnSuccess;
}

uint64_t dksim_clock_now(void)
{
    auto held = Enter();
    return Runtime::get().now();
}

int32_t dksim_clock_advance(uint64_t ns)
{
    auto held = Enter();
    Runtime &runtime = Runtime::get();
    if (runtime.clockMode != DKSIM_CLOCK_VIRTUAL) return kIOReturnNotPermitted;
    uint64_t target = runtime.virtualNow + ns;
    runtime.fireDueTimers(target);
    runtime.virtualNow = target;
    return kIOReturnSuccess;
}

int32_t dksim_run_until_idle(uint64_t max_ns, uint64_t *advanced_ns)
{
    auto held = Enter();
    Runtime &runtime = Runtime::get();
    if (runtime.clockMode != DKSIM_CLOCK_VIRTUAL) return kIOReturnNotPermitted;
    uint64_t start = runtime.virtualNow;
    runtime.fireDueTimers(start + max_ns);
    if (advanced_ns) *advanced_ns = runtime.virtualNow - start;
    return kIOReturnSuccess;
}

int64_t dksim_live_objects(const char *class_name)
{
    auto held = Enter();
    return dksim::LiveObjects(class_name);
}

uint64_t dksim_live_objects_text(char *buffer, uint64_t capacity)
{
    auto held = Enter();
    return CopyText(dksim::LiveObjectsText(), buffer, capacity);
}

uint64_t dksim_read_log(dksim_connection_t connection, char *buffer, uint64_t capacity)
{
    auto held = Enter();
    auto &logs = Runtime::get().logs;
    auto found = logs.find(connection);
    return CopyText(found == logs.end() ? std::string() : found->second, buffer, capacity);
}

uint32_t dksim_hid_report_count(void)
{
    auto held = Enter();
    return (uint32_t)Runtime::get().hidReports.size();
}

int32_t dksim_hid_take_report(dksim_hid_report *report, uint8_t *bytes, uint64_t capacity)
{
    auto held = Enter();
    if (report == nullptr || (bytes == nullptr && capacity > 0)) {
        dksim::SetLastError("dksim_hid_take_report: NULL report, or NULL bytes with a non-zero capacity");
        return kIOReturnBadArgument;
    }
    auto &reports = Runtime::get().hidReports;
    if (reports.empty()) return kIOReturnNotFound;
    dksim::HidReport &oldest = reports.front();
    *report = oldest.header;
    uint64_t copied = oldest.bytes.size() < capacity ? oldest.bytes.size() : capacity;
    if (copied > 0) memcpy(bytes, oldest.bytes.data(), copied);
    reports.pop_front();
    return kIOReturnSuccess;
}

uint32_t dksim_hid_device_count(void)
{
    auto held = Enter();
    return (uint32_t)Runtime::get().hidDevices.size();
}

int32_t dksim_hid_take_device(dksim_hid_device *device, uint8_t *descriptor, uint64_t capacity)
{
    auto held = Enter();
    if (device == nullptr || (descriptor == nullptr && capacity > 0)) {
        dksim::SetLastError("dksim_hid_take_device: NULL device, or NULL descriptor with a non-zero capacity");
        return kIOReturnBadArgument;
    }
    auto &devices = Runtime::get().hidDevices;
    if (devices.empty()) return kIOReturnNotFound;
    dksim::HidDevice &oldest = devices.front();
    *device = oldest.header;
    uint64_t copied = oldest.descriptor.size() < capacity ? oldest.descriptor.size() : capacity;
    if (copied > 0) memcpy(descriptor, oldest.descriptor.data(), copied);
    devices.pop_front();
    return kIOReturnSuccess;
}

void dksim_set_log_capture(int32_t enabled)
{
    Runtime::get().logCapture.store(enabled != 0, std::memory_order_relaxed);
}

void dksim_set_coverage_map(uint8_t *map, uint32_t size) { dksim::SetCoverageMap(map, size); }

int32_t dksim_has_coverage(void) { return dksim::HasCoverage() ? 1 : 0; }

uint32_t dksim_coverage_edges(void) { return dksim::CoverageEdges(); }

} // extern "C"

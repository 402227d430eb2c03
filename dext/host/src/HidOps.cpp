/*
 * TakeHidEvents: what the dext's HID devices did since the last take — the report descriptors their
 * Start obtained (dksim_hid_take_device), then the reports they posted (dksim_hid_take_report) — in
 * one answer, so that the harness pays one round trip per program step for both. Devices come first:
 * a device starts before it posts, and the harness needs its descriptor to judge its reports.
 */
#include "Handlers.h"

#include "Limits.h"

#include <cstring>
#include <dksim.h>
#include <vector>

namespace dexthost {

namespace {

constexpr int32_t kNotFound = static_cast<int32_t>(0xE00002F0); /* kIOReturnNotFound: nothing left to take */

void ClassName(ResponseWriter &out, const char (&name)[64]) { out.String(name, strnlen(name, sizeof(name))); }

void WriteDevices(ResponseWriter &out, uint32_t capacity)
{
    std::vector<uint8_t> bytes(DKSIM_MAX_HID_DESCRIPTOR_BYTES);
    uint32_t available = dksim_hid_device_count();
    uint32_t count = available < capacity ? available : capacity;
    out.U32(count);
    for (uint32_t k = 0; k < count; k++) {
        dksim_hid_device device{};
        /* count was read first and only this thread takes: every take finds one. */
        if (dksim_hid_take_device(&device, bytes.data(), bytes.size()) == kNotFound) device = {};
        uint32_t copied = device.byte_count < bytes.size() ? device.byte_count : static_cast<uint32_t>(bytes.size());
        out.U64(device.device_id);
        out.U64(device.time_ns);
        out.U64(device.descriptor_length);
        out.U32(device.has_descriptor);
        ClassName(out, device.device_class);
        out.U32(copied);
        out.Bytes(bytes.data(), copied);
    }
}

void WriteReports(ResponseWriter &out, uint32_t capacity)
{
    std::vector<uint8_t> bytes(DKSIM_MAX_HID_REPORT_BYTES);
    uint32_t available = dksim_hid_report_count();
    uint32_t count = available < capacity ? available : capacity;
    out.U32(count);
    for (uint32_t k = 0; k < count; k++) {
        dksim_hid_report report{};
        if (dksim_hid_take_report(&report, bytes.data(), bytes.size()) == kNotFound) report = {};
        uint32_t copied = report.byte_count < bytes.size() ? report.byte_count : static_cast<uint32_t>(bytes.size());
        out.U64(report.device_id);
        out.U64(report.timestamp);
        out.U64(report.time_ns);
        out.U32(report.report_type);
        out.U32(report.options);
        out.U32(report.report_length);
        out.U64(report.descriptor_length);
        out.I32(report.status);
        out.U32(report.dropped_before);
        ClassName(out, report.device_class);
        out.U32(copied);
        out.Bytes(bytes.data(), copied);
    }
}

} // namespace

bool HandleTakeHidEvents(PayloadReader &in, Answer &answer)
{
    uint32_t capacity;
    if (!in.Count(capacity, kMaxHidEvents, "capacity") || !in.Finish()) return false;
    WriteDevices(answer.payload, capacity);
    WriteReports(answer.payload, capacity);
    return true;
}

} // namespace dexthost

/*
 * RunProgram (protocol 7): a whole test program in one exchange. The harness's ProgramRunner
 * (harness/Core/Runner/ProgramRunner.cs) decides which dksim operations a program makes — open a
 * slot, call on it unless it did not open, take the completions of every open connection after each
 * call and wait, count live objects once the last connection is closed, ... — and judges their
 * answers. Each of those operations used to be one round trip; here the host makes the same
 * operations itself, through the same handlers, and answers with all of them at once: each record is
 * the operation, a hash of the request it made and the answer it got, exactly as the single request
 * would have been answered. The harness then replays the records to the runner, which checks that
 * every request it makes hashes to the one made here (so the two sides cannot drift apart silently)
 * and judges the answers as it always has (PROTOCOL.md, "RunProgram").
 *
 * The decisions below mirror the runner's, one for one; the harness's parity tests run every seed
 * program both ways and compare the results.
 */
#include "Handlers.h"

#include "FrameIO.h"
#include "Limits.h"
#include "ProgramFormat.h"

#include <array>
#include <cstring>
#include <dksim.h>
#include <string>
#include <vector>

/* sanitizer/common_interface_defs.h; weak, so that a build without sanitizers links (and has none). */
extern "C" void __sanitizer_set_death_callback(void (*callback)(void)) __attribute__((weak));

namespace dexthost {

namespace {

constexpr int32_t kSuccess = 0;

/* The program being run, for the death callback: where to answer and what was recorded so far. */
int g_client = -1;
const ResponseWriter *g_trace = nullptr;
const uint32_t *g_records = nullptr;

/*
 * A sanitizer that found an error prints its report and then, before it exits, calls this: the
 * harness gets the records of every operation before the one that crashed, judges them as usual and
 * meets the crash at that operation — one crash per crashing program, not a second run to find its
 * step. A build without sanitizers dies of the signal with no answer, and the harness runs that
 * program again one operation at a time (PROTOCOL.md, "RunProgram").
 */
void AnswerCrashedProgram()
{
    if (g_client < 0 || g_trace == nullptr) return;
    ResponseWriter answer;
    answer.U32(kProgramCrashed);
    answer.U32(*g_records);
    answer.Bytes(g_trace->Payload(), g_trace->PayloadSize());
    std::string problem;
    WriteFrame(g_client, answer.Frame(kSuccess), problem);
}

void RegisterDeathCallback()
{
    static bool registered = false;
    if (registered || __sanitizer_set_death_callback == nullptr) return;
    __sanitizer_set_death_callback(AnswerCrashedProgram);
    registered = true;
}

/* A request's hash (PROTOCOL.md "RunProgram"): FNV-1a's 64-bit constants, taken one little-endian
 * 64-bit word at a time and the last size % 8 bytes one at a time. Bytewise FNV-1a was a tenth of
 * the ASan host's time on a fuzz queue (one multiplication and one shadow check per byte of every
 * structure input); words cost an eighth of that. Each step is a bijection of the state, so two
 * requests of one size that differ in one word never hash alike. */
uint64_t RequestHash(const uint8_t *bytes, size_t size)
{
    uint64_t hash = 0xcbf29ce484222325ull;
    size_t k = 0;
    for (; k + 8 <= size; k += 8) {
        uint64_t word;
        std::memcpy(&word, bytes + k, sizeof(word));
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        word = __builtin_bswap64(word);
#endif
        hash = (hash ^ word) * 0x100000001b3ull;
    }
    for (; k < size; k++) hash = (hash ^ bytes[k]) * 0x100000001b3ull;
    return hash;
}

uint64_t LoadU64(const uint8_t *at)
{
    uint64_t value = 0;
    for (int k = 0; k < 8; k++) value |= static_cast<uint64_t>(at[k]) << (8 * k);
    return value;
}

uint32_t LoadU32(const uint8_t *at)
{
    uint32_t value = 0;
    for (int k = 0; k < 4; k++) value |= static_cast<uint32_t>(at[k]) << (8 * k);
    return value;
}

struct Slot {
    bool open = false;
    bool terminated = false;
    uint64_t handle = 0;
};

struct Map {
    bool mapped = false;
    uint32_t slot = 0;
    uint64_t handle = 0;
};

/* What the runner knows of the program's header: which capabilities it uses and its batch sizes. */
struct Settings {
    uint32_t flags = 0;
    uint32_t completionBatch = 0;
    uint32_t hidBatch = 0;
    uint32_t violationCapacity = 0;
    uint64_t settleNs = 0;
    std::string service;
    /* What the harness sends after every reset (SocketTransport.BootFresh); none when absent. */
    bool hasDevice = false;
    std::string deviceDescription;
};

class Executor
{
public:
    Executor(const Settings &settings, ResponseWriter &trace) : settings_(settings), trace_(trace) {}

    /* One sub-operation: the request in request_, answered by its handler, appended to the trace.
     * Returns the answer's status; Answered() is its payload until the next sub-operation. The
     * request and answer buffers are kept from one operation to the next: a burst of calls
     * allocates nothing for them. */
    int32_t Make(Op op)
    {
        if (stopped_) return kSuccess;
        const OpEntry *entry = FindOp(static_cast<uint32_t>(op));
        PayloadReader in(request_.Payload(), request_.PayloadSize());
        answer_.status = kSuccess;
        answer_.payload.Clear();
        bool wellFormed = entry->handler(in, answer_);
        status_ = wellFormed ? answer_.status : static_cast<int32_t>(0xE00002C2); /* kIOReturnBadArgument */
        const ResponseWriter &answered = answer_.payload;
        if (trace_.PayloadSize() + answered.PayloadSize() + 32 > kMaxProgramTrace) {
            stopped_ = true; /* the harness runs this program step by step instead */
            return status_;
        }
        trace_.U32(static_cast<uint32_t>(op));
        trace_.U64(RequestHash(request_.Payload(), request_.PayloadSize()));
        trace_.I32(status_);
        trace_.U32(static_cast<uint32_t>(answered.PayloadSize()));
        trace_.Bytes(answered.Payload(), answered.PayloadSize());
        records_++;
        return status_;
    }

    ResponseWriter &Request()
    {
        request_.Clear();
        return request_;
    }

    const uint8_t *Answered() const { return answer_.payload.Payload(); }
    size_t AnsweredSize() const { return answer_.payload.PayloadSize(); }
    /* The trace outgrew kMaxProgramTrace, or the boot failed: nothing more was made. */
    bool Stopped() const { return stopped_; }
    uint32_t Records() const { return records_; }
    const uint32_t *RecordCount() const { return &records_; }

    /* SocketTransport.Reset → BootFresh: reset, the device description, the virtual clock, boot. A
     * failure ends the program: the runner stops at it too (a setup error). */
    bool BootFresh()
    {
        {
            /* This reset tears down what the last program left — nothing, after its teardown — or
             * the boot a new copy made when its session began: no program's edges, so none are
             * counted (counted, they made a crashing input's edges differ from one run to the next). */
            UncountedCoverage uncounted;
            Request();
            if (Make(Op::Reset) != kSuccess) return FailSetup();
        }
        if (settings_.hasDevice) {
            Request().U64(settings_.deviceDescription.size());
            request_.Bytes(settings_.deviceDescription.data(), settings_.deviceDescription.size());
            if (Make(Op::SetDevice) != kSuccess) return FailSetup();
        }
        Request().I32(0); /* the virtual clock */
        if (Make(Op::SetClockMode) != kSuccess) return FailSetup();
        Request();
        if (Make(Op::Boot) != kSuccess) return FailSetup();
        if (Has(kProgramLiveObjects)) LiveObjects();
        return true;
    }

    void Open(uint32_t slot, uint32_t type, const std::vector<std::string> &ids)
    {
        auto &request = Request();
        request.String(settings_.service.data(), settings_.service.size());
        request.U32(type);
        request.U32(static_cast<uint32_t>(ids.size()));
        for (const auto &id : ids) request.String(id.data(), id.size());
        int32_t status = Make(Op::Open);
        uint64_t handle = AnsweredSize() >= 8 ? LoadU64(Answered()) : 0;
        if (status != kSuccess) LastError();
        slots_[slot] = Slot{};
        if (status == kSuccess) {
            slots_[slot].open = true;
            slots_[slot].handle = handle;
        }
    }

    void Close(uint32_t slot)
    {
        if (!slots_[slot].open) return;
        Request().U64(slots_[slot].handle);
        Make(Op::Close);
        slots_[slot] = Slot{};
        ForgetMaps(slot);
        if (!AnyOpen()) CheckBalance();
        TakeRuntimeViolations();
    }

    void Call(uint32_t slot, uint32_t selector, const std::vector<uint64_t> &reference,
              const std::vector<uint64_t> &scalars, const uint8_t *structInput, uint64_t structInputSize,
              uint32_t scalarOutputCapacity, uint64_t structOutputCapacity)
    {
        if (!slots_[slot].open) return;
        auto &request = Request();
        request.U64(slots_[slot].handle);
        request.U32(selector);
        if (!reference.empty()) {
            request.U32(static_cast<uint32_t>(reference.size()));
            for (auto value : reference) request.U64(value);
        }
        request.U32(static_cast<uint32_t>(scalars.size()));
        for (auto value : scalars) request.U64(value);
        request.U64(structInputSize);
        request.Bytes(structInput, static_cast<size_t>(structInputSize));
        request.U32(scalarOutputCapacity);
        request.U64(structOutputCapacity);
        Make(reference.empty() ? Op::CallMethod : Op::CallAsyncMethod);
        /* On a terminated connection the kernel answers: shown, not judged, and nothing collected. */
        if (!slots_[slot].terminated) Collect();
    }

    void Wait(uint64_t ns)
    {
        AdvanceClock(ns);
        Collect();
    }

    void MapMemory(uint32_t slot, uint32_t map, uint32_t type)
    {
        maps_[map].mapped = false;
        if (!slots_[slot].open || !Has(kProgramMemory)) return;
        Request().U64(slots_[slot].handle);
        request_.U32(type);
        int32_t status = Make(Op::MapMemory);
        uint64_t handle = AnsweredSize() >= 16 ? LoadU64(Answered() + 8) : 0;
        if (status == kSuccess) {
            maps_[map] = Map{true, slot, handle};
        } else {
            LastError();
        }
    }

    void Poke(uint32_t map, uint64_t offset, const uint8_t *bytes, uint64_t size)
    {
        if (!maps_[map].mapped) return;
        Request().U64(maps_[map].handle);
        request_.U64(offset);
        request_.U64(size);
        request_.Bytes(bytes, static_cast<size_t>(size));
        Make(Op::WriteMemory);
    }

    void Peek(uint32_t map, uint64_t offset, uint64_t size)
    {
        if (!maps_[map].mapped || !Has(kProgramPeeks)) return;
        Request().U64(maps_[map].handle);
        request_.U64(offset);
        request_.U64(size);
        Make(Op::ReadMemory);
    }

    void DeviceData(const uint8_t *bytes, uint64_t size)
    {
        if (!Has(kProgramDevice)) return;
        Request().U64(size);
        request_.Bytes(bytes, static_cast<size_t>(size));
        AfterDeviceStep(Make(Op::FeedDevice));
    }

    void Interrupt(uint32_t index)
    {
        if (!Has(kProgramDevice)) return;
        Request().U32(index);
        AfterDeviceStep(Make(Op::RaiseInterrupt));
    }

    void Unplug()
    {
        if (!Has(kProgramDevice)) return;
        Request();
        int32_t status = Make(Op::UnplugDevice);
        if (status == kSuccess)
            for (auto &slot : slots_)
                if (slot.open) slot.terminated = true;
        AfterDeviceStep(status);
    }

    /* ProgramRunner.CollectHid: after every step when the spec judges HID devices. */
    void CollectHid()
    {
        if (!Has(kProgramHid)) return;
        for (;;) {
            uint32_t devices = dksim_hid_device_count(), reports = dksim_hid_report_count();
            Request().U32(settings_.hidBatch);
            Make(Op::TakeHidEvents);
            if (stopped_ || (devices < settings_.hidBatch && reports < settings_.hidBatch)) return;
        }
    }

    /* ProgramRunner.CloseRemaining: an app that exits closes what it left open. */
    void CloseRemaining()
    {
        for (uint32_t k = 0; k < slots_.size(); k++) {
            if (!slots_[k].open) continue;
            Request().U64(slots_[k].handle);
            Make(Op::Close);
            slots_[k] = Slot{};
            ForgetMaps(k);
            if (!AnyOpen()) CheckBalance();
        }
        TakeRuntimeViolations();
    }

    /* ProgramRunner.TearDown: the program's own teardown (Stop, free, the destructors) runs within
     * it, so that a crash there and the edges it covers are this program's, not the next one's. */
    void TearDown()
    {
        if (!Has(kProgramTearDown)) return;
        Request();
        Make(Op::Reset);
    }

private:
    bool Has(uint32_t flag) const { return (settings_.flags & flag) != 0; }

    /* SocketTransport.Check: a failing setup operation is explained, then the runner stops with a
     * setup error; so does the program here (the harness then runs it step by step and reports that
     * error itself). */
    bool FailSetup()
    {
        LastError();
        stopped_ = true;
        return false;
    }

    void AdvanceClock(uint64_t ns)
    {
        Request().U64(ns);
        if (Make(Op::ClockAdvance) != kSuccess) FailSetup();
    }

    void LastError()
    {
        Request();
        Make(Op::LastError);
    }

    void LiveObjects()
    {
        Request();
        Make(Op::LiveObjectsText);
    }

    bool AnyOpen() const
    {
        for (const auto &slot : slots_)
            if (slot.open) return true;
        return false;
    }

    void ForgetMaps(uint32_t slot)
    {
        for (auto &map : maps_)
            if (map.slot == slot) map.mapped = false;
    }

    /* ProgramRunner.Collect: the completions of every open connection, in batches until one is short. */
    void Collect()
    {
        for (const auto &slot : slots_) {
            if (!slot.open) continue;
            for (;;) {
                Request().U64(slot.handle);
                request_.U32(settings_.completionBatch);
                int32_t status = Make(Op::TakeCompletions);
                uint32_t count = AnsweredSize() >= 4 ? LoadU32(Answered()) : 0;
                if (stopped_ || status != kSuccess || count < settings_.completionBatch) break;
            }
        }
    }

    /* ProgramRunner.CheckBalance: pending timers run out on the virtual clock, then the counters. */
    void CheckBalance()
    {
        if (!Has(kProgramLiveObjects)) return;
        AdvanceClock(settings_.settleNs);
        LiveObjects();
    }

    void TakeRuntimeViolations()
    {
        if (!Has(kProgramDevice)) return;
        Request().U32(settings_.violationCapacity);
        Make(Op::TakeViolations);
    }

    void AfterDeviceStep(int32_t status)
    {
        Collect();
        TakeRuntimeViolations();
        if (status != kSuccess) LastError();
    }

    const Settings &settings_;
    ResponseWriter &trace_;
    ResponseWriter request_;
    Answer answer_;
    int32_t status_ = 0;
    bool stopped_ = false;
    uint32_t records_ = 0;
    std::array<Slot, kProgramSlots> slots_{};
    std::array<Map, kProgramMaps> maps_{};
};

bool ReadSlot(PayloadReader &in, uint32_t &slot)
{
    if (!in.U32(slot, "slot")) return false;
    return slot < kProgramSlots ||
           in.Reject("slot " + std::to_string(slot) + " (at most " + std::to_string(kProgramSlots - 1) + ")");
}

bool ReadMap(PayloadReader &in, uint32_t &map)
{
    if (!in.U32(map, "map")) return false;
    return map < kProgramMaps ||
           in.Reject("map " + std::to_string(map) + " (at most " + std::to_string(kProgramMaps - 1) + ")");
}

/* One step: decoded whole (a malformed one drops the client, like any malformed frame), then run. */
bool RunStep(PayloadReader &in, Executor &executor)
{
    uint32_t kind;
    if (!in.U32(kind, "step kind")) return false;
    switch (static_cast<ProgramStep>(kind)) {
    case ProgramStep::Open: {
        uint32_t slot, type, count;
        if (!ReadSlot(in, slot) || !in.U32(type, "type") || !in.Count(count, kMaxAccessIds, "access_count"))
            return false;
        std::vector<std::string> ids(count);
        for (auto &id : ids)
            if (!in.String(id, "access_id")) return false;
        executor.Open(slot, type, ids);
        return true;
    }
    case ProgramStep::Close: {
        uint32_t slot;
        if (!ReadSlot(in, slot)) return false;
        executor.Close(slot);
        return true;
    }
    case ProgramStep::Call: {
        uint32_t slot, selector, scalarOutputCapacity;
        std::vector<uint64_t> reference, scalars;
        uint64_t structInputSize, structOutputCapacity;
        const uint8_t *structInput = nullptr;
        if (!ReadSlot(in, slot) || !in.U32(selector, "selector") ||
            !in.Scalars(reference, DKSIM_ASYNC_REF_COUNT, "reference") ||
            !in.Scalars(scalars, kMaxScalars, "scalar_input") ||
            !in.Size(structInputSize, kMaxStructBytes, "struct_input_size") ||
            !in.Bytes(structInput, structInputSize, "struct_input") ||
            !in.Count(scalarOutputCapacity, kMaxScalars, "scalar_output_capacity") ||
            !in.Size(structOutputCapacity, kMaxStructBytes, "struct_output_capacity"))
            return false;
        executor.Call(slot, selector, reference, scalars, structInput, structInputSize, scalarOutputCapacity,
                      structOutputCapacity);
        return true;
    }
    case ProgramStep::Wait: {
        uint64_t ns;
        if (!in.U64(ns, "ns")) return false;
        executor.Wait(ns);
        return true;
    }
    case ProgramStep::Map: {
        uint32_t slot, map, type;
        if (!ReadSlot(in, slot) || !ReadMap(in, map) || !in.U32(type, "type")) return false;
        executor.MapMemory(slot, map, type);
        return true;
    }
    case ProgramStep::Poke: {
        uint32_t map;
        uint64_t offset, size;
        const uint8_t *bytes = nullptr;
        if (!ReadMap(in, map) || !in.U64(offset, "offset") || !in.Size(size, kMaxStructBytes, "n") ||
            !in.Bytes(bytes, size, "bytes"))
            return false;
        executor.Poke(map, offset, bytes, size);
        return true;
    }
    case ProgramStep::Peek: {
        uint32_t map;
        uint64_t offset, size;
        if (!ReadMap(in, map) || !in.U64(offset, "offset") || !in.Size(size, kMaxStructBytes, "n")) return false;
        executor.Peek(map, offset, size);
        return true;
    }
    case ProgramStep::DeviceData: {
        uint64_t size;
        const uint8_t *bytes = nullptr;
        if (!in.Size(size, DKSIM_MAX_DEVICE_DATA, "n") || !in.Bytes(bytes, size, "bytes")) return false;
        executor.DeviceData(bytes, size);
        return true;
    }
    case ProgramStep::Unplug: executor.Unplug(); return true;
    case ProgramStep::Interrupt: {
        uint32_t index;
        if (!in.U32(index, "index")) return false;
        executor.Interrupt(index);
        return true;
    }
    }
    return in.Reject("unknown step kind " + std::to_string(kind));
}

/* Points the death callback at the program while it runs. */
class InFlight
{
public:
    InFlight(const ResponseWriter &trace, const uint32_t *records)
    {
        RegisterDeathCallback();
        g_trace = &trace;
        g_records = records;
    }
    ~InFlight()
    {
        g_trace = nullptr;
        g_records = nullptr;
    }
    InFlight(const InFlight &) = delete;
    InFlight &operator=(const InFlight &) = delete;
};

} // namespace

void SetProgramClient(int fd) { g_client = fd; }

bool HandleRunProgram(PayloadReader &in, Answer &answer)
{
    Settings settings;
    uint32_t steps, hasDevice;
    uint64_t descriptionSize;
    const uint8_t *description = nullptr;
    if (!in.U32(settings.flags, "flags") || !in.Count(settings.completionBatch, kMaxCompletions, "completion_batch") ||
        !in.Count(settings.hidBatch, kMaxHidEvents, "hid_batch") ||
        !in.Count(settings.violationCapacity, kMaxViolations, "violation_capacity") ||
        !in.U64(settings.settleNs, "settle_ns") || !in.String(settings.service, "service") ||
        !in.Count(hasDevice, 1, "has_device") || !in.Size(descriptionSize, kMaxDeviceDescription, "device_size") ||
        !in.Bytes(description, descriptionSize, "device") || !in.Count(steps, kMaxProgramSteps, "step_count"))
        return false;
    settings.hasDevice = hasDevice != 0;
    settings.deviceDescription.assign(reinterpret_cast<const char *>(description),
                                      static_cast<size_t>(descriptionSize));
    if (settings.completionBatch == 0 || settings.hidBatch == 0) return in.Reject("a batch size of 0");

    ResponseWriter trace;
    Executor executor(settings, trace);
    InFlight inFlight(trace, executor.RecordCount());
    executor.BootFresh();
    for (uint32_t k = 0; k < steps; k++) {
        /* After a failed boot or a full trace the steps are still decoded (a malformed program is
         * refused as a whole) but make nothing: the executor has stopped. */
        if (!RunStep(in, executor)) return false;
        executor.CollectHid();
    }
    if (!in.Finish()) return false;
    executor.CloseRemaining();
    executor.CollectHid();
    executor.TearDown();
    answer.status = kSuccess;
    answer.payload.U32(executor.Stopped() ? kProgramIncomplete : kProgramComplete);
    answer.payload.U32(executor.Records());
    answer.payload.Bytes(trace.Payload(), trace.PayloadSize());
    return true;
}

} // namespace dexthost

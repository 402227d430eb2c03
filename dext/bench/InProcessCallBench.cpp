/*
 * One in-process CheckedStruct call through the dksim ABI (lock, kernel-side copies, OSData in and
 * out, NullDriver's ExternalMethod and handler, its log line) against bare_call_checked_struct, the
 * same checks and arithmetic as one C function. Both the accepted shape (16 bytes in) and the
 * rejected one (15 bytes in: refused by the dispatch checks before the handler runs).
 */
#include <benchmark/benchmark.h>
#include <dksim.h>

#include <string>
#include <type_traits>

#include "AllocationCount.h"
#include "BareChecks.h"
#include "CheckedStruct.h"
#include "TaskCounters.h"

namespace {

using CallFunction = decltype(&dksim_call_method);
static_assert(std::is_same<CallFunction, decltype(&bare_call_checked_struct)>::value, "same arguments for both");

/* NullDriver logs one line per accepted call and the runtime keeps a connection's log until
 * dksim_reset, as a fuzzer resets between inputs. Without a reset the log would grow by tens of MB
 * per second of benchmark and each of its reallocations would land in some iteration's time. */
constexpr uint64_t kCallsPerReset = 4096;
/* Calls of the untimed pass that counts allocations and syscalls per call. */
constexpr uint64_t kCountedCalls = 10000;

struct Target {
    CallFunction call;
    bool runtime; /* dksim: needs an open connection and periodic resets */
    uint64_t connection = 0;

    bool Reopen(std::string &problem)
    {
        if (!runtime) return true;
        dksim_reset();
        if (dksim_open(BENCH_SERVICE_NAME, 0, nullptr, 0, &connection) == 0) return true;
        problem = std::string("dksim_open: ") + dksim_last_error();
        return false;
    }
};

struct Shape {
    uint64_t structInputSize;
    int32_t expected;
};

inline int32_t CallOnce(const Target &target, const bench_data &input, uint64_t inputSize, bench_data &output)
{
    uint32_t scalarCount = 0;
    uint64_t structSize = sizeof output;
    return target.call(target.connection, BENCH_SELECTOR_CHECKED_STRUCT, nullptr, 0, &input, inputSize, nullptr,
                       &scalarCount, &output, &structSize);
}

/* Checks the shape's answer once and counts, over kCountedCalls untimed calls, what one call
 * allocates and which syscalls it makes; both become counters of the benchmark. */
bool CountPerCall(benchmark::State &state, Target &target, const Shape &shape, const bench_data &input)
{
    bench_data output = {};
    int32_t status = CallOnce(target, input, shape.structInputSize, output);
    if (status != shape.expected ||
        (status == BENCH_IORETURN_SUCCESS && (output.foo != input.foo + 1 || output.bar != input.bar + 10))) {
        state.SkipWithError(("unexpected answer, status " + std::to_string(status)).c_str());
        return false;
    }

    bench_task_counters counters;
    bool haveCounters = bench_task_counters_open(&counters, 0) == 0;
    uint64_t syscalls = 0, switches = 0;
    std::string problem;
    if (!target.Reopen(problem)) {
        state.SkipWithError(problem.c_str());
        return false;
    }
    bench_start_counting_allocations();
    if (haveCounters) bench_task_counters_start(&counters);
    for (uint64_t k = 0; k < kCountedCalls; k++) CallOnce(target, input, shape.structInputSize, output);
    if (haveCounters) haveCounters = bench_task_counters_stop(&counters, &syscalls, &switches) == 0;
    uint64_t allocations = bench_stop_counting_allocations();
    bench_task_counters_close(&counters);

    state.counters["allocs/op"] = static_cast<double>(allocations) / kCountedCalls;
    if (haveCounters) state.counters["syscalls/op"] = static_cast<double>(syscalls) / kCountedCalls;
    return target.Reopen(problem);
}

void BenchCall(benchmark::State &state, Target target, Shape shape)
{
    const bench_data input = {BENCH_FOO, BENCH_BAR};
    std::string problem;
    if (!target.Reopen(problem)) {
        state.SkipWithError(problem.c_str());
        return;
    }
    if (!CountPerCall(state, target, shape, input)) return;

    bench_data output = {};
    uint64_t sinceReset = 0;
    for (auto _ : state) {
        int32_t status = CallOnce(target, input, shape.structInputSize, output);
        benchmark::DoNotOptimize(status);
        benchmark::DoNotOptimize(output);
        if (status != shape.expected) {
            state.SkipWithError(("unexpected status " + std::to_string(status)).c_str());
            break;
        }
        if (target.runtime && ++sinceReset == kCallsPerReset) {
            state.PauseTiming();
            sinceReset = 0;
            bool reopened = target.Reopen(problem);
            state.ResumeTiming();
            if (!reopened) {
                state.SkipWithError(problem.c_str());
                break;
            }
        }
    }
    if (target.runtime) dksim_reset();
}

const bool registered = [] {
    const Shape accepted{BENCH_STRUCT_SIZE, BENCH_IORETURN_SUCCESS};
    const Shape rejected{BENCH_REJECTED_STRUCT_SIZE, BENCH_IORETURN_BAD_ARGUMENT};
    const Target runtime{&dksim_call_method, true};
    const Target bare{&bare_call_checked_struct, false};
    benchmark::RegisterBenchmark("call/dksim/accepted", BenchCall, runtime, accepted)->UseRealTime();
    benchmark::RegisterBenchmark("call/bare/accepted", BenchCall, bare, accepted)->UseRealTime();
    benchmark::RegisterBenchmark("call/dksim/rejected", BenchCall, runtime, rejected)->UseRealTime();
    benchmark::RegisterBenchmark("call/bare/rejected", BenchCall, bare, rejected)->UseRealTime();
    return true;
}();

} // namespace

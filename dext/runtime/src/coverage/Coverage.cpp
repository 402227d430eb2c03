/*
 * The trace-pc-guard callbacks of clang's SanitizerCoverage. This file is compiled WITHOUT
 * -fsanitize-coverage (the callbacks must not instrument themselves). Each guard gets a fixed
 * pseudo-random id at load, so edges spread over the whole map the way AFL's own instrumentation
 * does and collide little with the managed edges SharpFuzz writes into the same map.
 */
#include "coverage/Coverage.h"

#include <atomic>

namespace {
std::atomic<uint8_t *> coverageMap{nullptr};
/* Map size - 1 for a power-of-two map: every instrumented edge pays this callback, and a mask is
 * several times cheaper than the division a modulo of an arbitrary size costs. */
std::atomic<uint32_t> coverageMask{0};
uint32_t guardCount = 0;
bool instrumented = false;

uint32_t Mix(uint32_t x)
{
    /* A fixed integer hash (splitmix-style): same ids on every run, so coverage is comparable. */
    x ^= x >> 16;
    x *= 0x7feb352dU;
    x ^= x >> 15;
    x *= 0x846ca68bU;
    x ^= x >> 16;
    return x;
}
} // namespace

extern "C" __attribute__((visibility("hidden"))) void __sanitizer_cov_trace_pc_guard_init(uint32_t *start,
                                                                                          uint32_t *stop)
{
    if (start == stop || *start) return;
    instrumented = true;
    for (uint32_t *guard = start; guard < stop; guard++) {
        uint32_t id = Mix(++guardCount);
        *guard = id ? id : 1;
    }
}

extern "C" __attribute__((visibility("hidden"))) void __sanitizer_cov_trace_pc_guard(uint32_t *guard)
{
    uint8_t *map = coverageMap.load(std::memory_order_relaxed);
    if (map == nullptr || *guard == 0) return;
    uint8_t &cell = map[*guard & coverageMask.load(std::memory_order_relaxed)];
    /* AFL's NeverZero counters: a wrapped hit count must not read as "not hit". */
    cell = (uint8_t)(cell + 1 + (cell == 255));
}

namespace dksim {

void SetCoverageMap(uint8_t *map, uint32_t size)
{
    /* AFL's maps are powers of two; of any other size only the largest power of two inside is used. */
    uint32_t usable = size ? 1u << (31 - __builtin_clz(size)) : 0;
    coverageMask.store(usable ? usable - 1 : 0, std::memory_order_relaxed);
    coverageMap.store(map && usable ? map : nullptr, std::memory_order_relaxed);
}

bool HasCoverage() { return instrumented; }

uint32_t CoverageEdges() { return guardCount; }

} // namespace dksim

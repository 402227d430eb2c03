/*
 * One CheckedStruct call through dexthost (the real binary, a process of its own, PROTOCOL.md over a
 * Unix-domain socket) against a raw ping-pong of the same request and response sizes with a server
 * process that does nothing but answer. Same client code, same binary, same run: the ratio is what
 * dexthost and the runtime add to the bare socket round trip. Each pair runs with both processes
 * pinned to one CPU and unpinned.
 */
#include <benchmark/benchmark.h>

#include <string>

#include "Affinity.h"
#include "CheckedStruct.h"
#include "Servers.h"
#include "TaskCounters.h"
#include "Wire.h"

#ifndef DEXTHOST_PATH
#error "DEXTHOST_PATH (NullDriver's release dexthost) must be defined by the build"
#endif

namespace {

const bench_data kInput = {BENCH_FOO, BENCH_BAR};
const bench_data kExpected = {BENCH_FOO + 1, BENCH_BAR + 10};
/* The host keeps NullDriver's log (a line per call) until Reset, like the in-process runtime: reset
 * as often as the in-process benchmark does, outside the timed part. */
constexpr uint64_t kRoundTripsPerReset = 4096;
/* Round trips of the untimed pass that counts syscalls and context switches on both ends. */
constexpr uint64_t kCountedRoundTrips = 2000;

enum class Placement { Pinned, Unpinned };

/* A server and the request the benchmark sends it. */
struct Endpoint {
    bool dexthost;
    bool started = false;
    bench_server server = {-1, -1, -1};
    uint8_t request[WIRE_FRAME_CAPACITY] = {};
    size_t requestSize = 0;
};

/* Both servers are started on first use and kept for the whole run; this ends them at exit. */
struct Endpoints {
    Endpoint host{true};
    Endpoint pingPong{false};
    ~Endpoints()
    {
        if (host.started) bench_stop_server(&host.server);
        if (pingPong.started) bench_stop_server(&pingPong.server);
    }
} endpoints;

bool Exchange(Endpoint &endpoint, const uint8_t *request, size_t size, uint8_t *response, long &responseSize)
{
    responseSize = wire_exchange(endpoint.server.fd, request, size, response, WIRE_FRAME_CAPACITY);
    return responseSize > 0;
}

/* dexthost: Reset, then Open a fresh connection, and address the request to it. The ping-pong
 * server ignores what it reads, so its request is encoded once with any connection number. */
bool Refresh(Endpoint &endpoint, std::string &problem)
{
    uint64_t connection = 1;
    if (endpoint.dexthost) {
        uint8_t request[WIRE_FRAME_CAPACITY], response[WIRE_FRAME_CAPACITY];
        long size = 0;
        int32_t status = -1;
        if (!Exchange(endpoint, request, wire_reset_request(request), response, size) ||
            wire_status(response, (size_t)size, &status) != 0 || status != BENCH_IORETURN_SUCCESS) {
            problem = "dexthost Reset failed";
            return false;
        }
        if (!Exchange(endpoint, request, wire_open_request(request, BENCH_SERVICE_NAME), response, size) ||
            wire_status(response, (size_t)size, &status) != 0 || status != BENCH_IORETURN_SUCCESS ||
            wire_open_connection(response, (size_t)size, &connection) != 0) {
            problem = "dexthost Open of " BENCH_SERVICE_NAME " failed";
            return false;
        }
    } else if (endpoint.requestSize != 0) {
        return true;
    }
    endpoint.requestSize = wire_call_request(endpoint.request, connection, &kInput, BENCH_STRUCT_SIZE);
    return true;
}

bool Start(Endpoint &endpoint, std::string &problem)
{
    if (endpoint.started) return true;
    int started;
    if (endpoint.dexthost) {
        started = bench_start_dexthost(DEXTHOST_PATH, &endpoint.server);
    } else {
        uint8_t response[WIRE_FRAME_CAPACITY];
        started = bench_start_ping_pong(response, wire_call_response(response, &kExpected), &endpoint.server);
    }
    if (started != 0) {
        problem = endpoint.dexthost ? "cannot start " DEXTHOST_PATH : "cannot start the ping-pong server";
        return false;
    }
    endpoint.started = true;
    return true;
}

bool Place(const Endpoint &endpoint, Placement placement)
{
    if (placement == Placement::Unpinned) return bench_unpin(0) == 0 && bench_unpin(endpoint.server.pid) == 0;
    int cpu = bench_affinity_cpu();
    return bench_pin(0, cpu) == 0 && bench_pin(endpoint.server.pid, cpu) == 0;
}

/* One round trip; the response is decoded and checked the same way for both servers. */
inline bool RoundTrip(Endpoint &endpoint)
{
    uint8_t response[WIRE_FRAME_CAPACITY];
    long size = 0;
    int32_t status = -1;
    bench_data output;
    return Exchange(endpoint, endpoint.request, endpoint.requestSize, response, size) &&
           wire_status(response, (size_t)size, &status) == 0 && status == BENCH_IORETURN_SUCCESS &&
           wire_call_output(response, (size_t)size, &output) == 0 && output.foo == kExpected.foo &&
           output.bar == kExpected.bar;
}

/* Syscalls and context switches per round trip on each end, over an untimed pass. */
void CountPerRoundTrip(benchmark::State &state, Endpoint &endpoint)
{
    // Both are opened whatever the first returns, so close never sees an unset descriptor: closing
    // stack garbage (often 0) once closed the ping-pong server's socket where perf events are refused.
    bench_task_counters client, server;
    bool clientOpened = bench_task_counters_open(&client, 0) == 0;
    bool serverOpened = bench_task_counters_open(&server, endpoint.server.pid) == 0;
    bool counted = clientOpened && serverOpened;
    if (counted) {
        uint64_t clientSyscalls = 0, clientSwitches = 0, serverSyscalls = 0, serverSwitches = 0;
        bench_task_counters_start(&server);
        bench_task_counters_start(&client);
        for (uint64_t k = 0; k < kCountedRoundTrips; k++) RoundTrip(endpoint);
        counted = bench_task_counters_stop(&client, &clientSyscalls, &clientSwitches) == 0 &&
                  bench_task_counters_stop(&server, &serverSyscalls, &serverSwitches) == 0;
        if (counted) {
            state.counters["client_syscalls/op"] = static_cast<double>(clientSyscalls) / kCountedRoundTrips;
            state.counters["server_syscalls/op"] = static_cast<double>(serverSyscalls) / kCountedRoundTrips;
            state.counters["client_switches/op"] = static_cast<double>(clientSwitches) / kCountedRoundTrips;
            state.counters["server_switches/op"] = static_cast<double>(serverSwitches) / kCountedRoundTrips;
        }
    }
    bench_task_counters_close(&client);
    bench_task_counters_close(&server);
}

/* Leaves the benchmark thread on the CPUs it started with, however the benchmark ends: the next
 * one may not be a socket benchmark. */
struct UnpinAtEnd {
    ~UnpinAtEnd() { bench_unpin(0); }
};

void BenchRoundTrip(benchmark::State &state, Endpoint *endpoint, Placement placement)
{
    UnpinAtEnd unpin;
    std::string problem;
    if (!Start(*endpoint, problem) || !Refresh(*endpoint, problem)) {
        state.SkipWithError(problem.c_str());
        return;
    }
    if (!Place(*endpoint, placement)) {
        state.SkipWithError("sched_setaffinity failed");
        return;
    }
    if (!RoundTrip(*endpoint)) {
        state.SkipWithError("the first round trip failed or answered wrongly");
        return;
    }
    CountPerRoundTrip(state, *endpoint);
    if (!Refresh(*endpoint, problem)) {
        state.SkipWithError(problem.c_str());
        return;
    }

    uint64_t sinceReset = 0;
    for (auto _ : state) {
        if (!RoundTrip(*endpoint)) {
            state.SkipWithError("a round trip failed or answered wrongly");
            break;
        }
        if (++sinceReset == kRoundTripsPerReset) {
            state.PauseTiming();
            sinceReset = 0;
            bool refreshed = Refresh(*endpoint, problem);
            state.ResumeTiming();
            if (!refreshed) {
                state.SkipWithError(problem.c_str());
                break;
            }
        }
    }
}

const bool registered = [] {
    // Each dexthost variant next to its baseline; run-bench.sh also interleaves the repetitions of
    // all benchmarks at random, so slow drift of a shared machine hits both alike.
    benchmark::RegisterBenchmark("roundtrip/dexthost/pinned", BenchRoundTrip, &endpoints.host, Placement::Pinned)
        ->UseRealTime();
    benchmark::RegisterBenchmark("roundtrip/raw/pinned", BenchRoundTrip, &endpoints.pingPong, Placement::Pinned)
        ->UseRealTime();
    benchmark::RegisterBenchmark("roundtrip/dexthost/unpinned", BenchRoundTrip, &endpoints.host, Placement::Unpinned)
        ->UseRealTime();
    benchmark::RegisterBenchmark("roundtrip/raw/unpinned", BenchRoundTrip, &endpoints.pingPong, Placement::Unpinned)
        ->UseRealTime();
    return true;
}();

} // namespace

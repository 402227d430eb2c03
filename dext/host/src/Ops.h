/*
 * Operation numbers of the dexthost wire protocol (dext/host/PROTOCOL.md). One per dksim.h function,
 * in the header's order, plus SetCoverageShm, which replaces dksim_set_coverage_map because a pointer
 * cannot cross the process boundary. Numbers are the protocol: never renumber, only append.
 */
#ifndef DEXTHOST_OPS_H
#define DEXTHOST_OPS_H

#include <cstdint>

namespace dexthost {

constexpr uint32_t kProtocolVersion = 8;

enum class Op : uint32_t {
    AbiVersion = 1,
    DextIdentifier = 2,
    LastError = 3,
    Boot = 4,
    Reset = 5,
    CountMatching = 6,
    AddMatchNotification = 7,
    PollMatchNotification = 8,
    Open = 9,
    Close = 10,
    CallMethod = 11,
    CallAsyncMethod = 12,
    TakeCompletions = 13,
    WaitCompletions = 14,
    SetClockMode = 15,
    ClockNow = 16,
    ClockAdvance = 17,
    RunUntilIdle = 18,
    LiveObjects = 19,
    LiveObjectsText = 20,
    ReadLog = 21,
    SetCoverageShm = 22,
    HasCoverage = 23,
    CoverageEdges = 24,
    SetLogCapture = 25,
    TakeHidEvents = 26,       /* protocol 2 */
    MapMemory = 27,           /* protocol 4 */
    UnmapMemory = 28,         /* protocol 4 */
    WriteMemory = 29,         /* protocol 4 */
    ReadMemory = 30,          /* protocol 4 */
    SetDevice = 31,           /* protocol 5 */
    FeedDevice = 32,          /* protocol 5 */
    UnplugDevice = 33,        /* protocol 5 */
    RaiseInterrupt = 34,      /* protocol 5 */
    TakeViolations = 35,      /* protocol 5 */
    TakeDispatchEntries = 36, /* protocol 6 */
    RunProgram = 37,          /* protocol 7 */
};

} // namespace dexthost

#endif

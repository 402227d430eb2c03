/*
 * The program RunProgram runs (protocol 7; PROTOCOL.md, "RunProgram"): its header flags, its step
 * kinds and its caps. The harness writes it in harness/Core/Transports/Socket/ProgramRequest.cs;
 * tests/Repository/Seams holds the two equal.
 */
#ifndef DEXTHOST_PROGRAM_FORMAT_H
#define DEXTHOST_PROGRAM_FORMAT_H

#include <cstdint>

namespace dexthost {

/* Header flags: what the runner does beyond the steps themselves. */
constexpr uint32_t kProgramLiveObjects = 1; /* a baseline after boot, a count once the last connection closes */
constexpr uint32_t kProgramHid = 2;         /* HID events taken after every step */
constexpr uint32_t kProgramDevice = 4;      /* device steps are driven; runtime violations taken */
constexpr uint32_t kProgramMemory = 8;      /* map steps map */
constexpr uint32_t kProgramPeeks = 16;      /* peek steps read */
constexpr uint32_t kProgramTearDown = 32;   /* a Reset after everything else (protocol 8) */

enum class ProgramStep : uint32_t {
    Open = 1,
    Close = 2,
    Call = 3,
    Wait = 4,
    Map = 5,
    Poke = 6,
    Peek = 7,
    DeviceData = 8,
    Unplug = 9,
    Interrupt = 10,
};

/* The answer's first field. */
constexpr uint32_t kProgramIncomplete = 0; /* the boot failed or the trace outgrew kMaxProgramTrace */
constexpr uint32_t kProgramComplete = 1;
constexpr uint32_t kProgramCrashed = 2; /* the records up to the operation that crashed the dext */

/* Connection slots and memory maps a program names (Step.MaxSlots, MapStep.MaxMaps). */
constexpr uint32_t kProgramSlots = 4;
constexpr uint32_t kProgramMaps = 4;
/* Steps in one program: far above the harness's longest (ProgramSize). */
constexpr uint32_t kMaxProgramSteps = 1u << 16;
/* The records of one answer: past this the executor stops and the harness runs the program step by
 * step, so an answer stays within the largest response frame. */
constexpr uint64_t kMaxProgramTrace = 48ull << 20;

} // namespace dexthost

#endif

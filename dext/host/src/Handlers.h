/*
 * One handler per operation. A handler decodes its whole payload first (and returns false, leaving
 * the reason in the reader, when the payload is malformed: the dext never sees a bad frame), then
 * calls the dksim function and fills the answer.
 */
#ifndef DEXTHOST_HANDLERS_H
#define DEXTHOST_HANDLERS_H

#include "Ops.h"
#include "Wire.h"

namespace dexthost {

struct Answer {
    int32_t status = 0;
    ResponseWriter payload;
};

using Handler = bool (*)(PayloadReader &in, Answer &answer);

struct OpEntry {
    Op op;
    const char *name;
    Handler handler;
};

/* The entry of a wire operation number, or nullptr for an unknown one. */
const OpEntry *FindOp(uint32_t op);

/* SystemOps.cpp: identity, lifecycle, clock. */
bool HandleAbiVersion(PayloadReader &in, Answer &answer);
bool HandleDextIdentifier(PayloadReader &in, Answer &answer);
bool HandleLastError(PayloadReader &in, Answer &answer);
bool HandleBoot(PayloadReader &in, Answer &answer);
bool HandleReset(PayloadReader &in, Answer &answer);
bool HandleSetLogCapture(PayloadReader &in, Answer &answer);
bool HandleSetClockMode(PayloadReader &in, Answer &answer);
bool HandleClockNow(PayloadReader &in, Answer &answer);
bool HandleClockAdvance(PayloadReader &in, Answer &answer);
bool HandleRunUntilIdle(PayloadReader &in, Answer &answer);

/* RegistryOps.cpp: matching and connections. */
bool HandleCountMatching(PayloadReader &in, Answer &answer);
bool HandleAddMatchNotification(PayloadReader &in, Answer &answer);
bool HandlePollMatchNotification(PayloadReader &in, Answer &answer);
bool HandleOpen(PayloadReader &in, Answer &answer);
bool HandleClose(PayloadReader &in, Answer &answer);

/* CallOps.cpp */
bool HandleCallMethod(PayloadReader &in, Answer &answer);
bool HandleCallAsyncMethod(PayloadReader &in, Answer &answer);

/* CompletionOps.cpp */
bool HandleTakeCompletions(PayloadReader &in, Answer &answer);
bool HandleWaitCompletions(PayloadReader &in, Answer &answer);

/* ObservationOps.cpp */
bool HandleLiveObjects(PayloadReader &in, Answer &answer);
bool HandleLiveObjectsText(PayloadReader &in, Answer &answer);
bool HandleReadLog(PayloadReader &in, Answer &answer);
/* HidOps.cpp */
bool HandleTakeHidEvents(PayloadReader &in, Answer &answer);
/* MemoryOps.cpp: memory shared with the app (IOConnectMapMemory64). */
bool HandleMapMemory(PayloadReader &in, Answer &answer);
bool HandleUnmapMemory(PayloadReader &in, Answer &answer);
bool HandleWriteMemory(PayloadReader &in, Answer &answer);
bool HandleReadMemory(PayloadReader &in, Answer &answer);

/* CoverageOps.cpp. The coverage map is the client's: the session detaches it when the client leaves. */
void DetachCoverageShm();

/* While one lives, the dext's edges are counted nowhere: for the reset that begins a program, which
 * tears down what is not that program's (RunProgram's BootFresh). */
class UncountedCoverage
{
public:
    UncountedCoverage();
    ~UncountedCoverage();
    UncountedCoverage(const UncountedCoverage &) = delete;
    UncountedCoverage &operator=(const UncountedCoverage &) = delete;
};
bool HandleSetCoverageShm(PayloadReader &in, Answer &answer);
bool HandleHasCoverage(PayloadReader &in, Answer &answer);
bool HandleCoverageEdges(PayloadReader &in, Answer &answer);

/* DeviceOps.cpp (protocol 5): the simulated device and the rules the runtime saw broken. */
bool HandleSetDevice(PayloadReader &in, Answer &answer);
bool HandleFeedDevice(PayloadReader &in, Answer &answer);
bool HandleUnplugDevice(PayloadReader &in, Answer &answer);
bool HandleRaiseInterrupt(PayloadReader &in, Answer &answer);
bool HandleTakeViolations(PayloadReader &in, Answer &answer);

/* DispatchOps.cpp (protocol 6): the dispatch entries the dext passed to IOUserClient::ExternalMethod. */
bool HandleTakeDispatchEntries(PayloadReader &in, Answer &answer);

/* ProgramOps.cpp (protocol 7): a whole program in one exchange (ProgramFormat.h). */
bool HandleRunProgram(PayloadReader &in, Answer &answer);
/* The client a program that crashes the dext is answered on (Session.cpp sets it per client). */
void SetProgramClient(int fd);

} // namespace dexthost

#endif

#include "Handlers.h"
#include "Ops.h"

#include <cstring>
#include <dksim.h>

namespace dexthost {

namespace {

void WriteCString(Answer &answer, const char *text)
{
    if (text == nullptr) text = "";
    answer.payload.String(text, std::strlen(text));
}

} // namespace

// The first request a client makes: the dksim ABI, then (since protocol 3) the wire protocol, so
// that a harness built for another protocol stops with one line instead of misreading answers.
bool HandleAbiVersion(PayloadReader &in, Answer &answer)
{
    if (!in.Finish()) return false;
    answer.payload.U32(dksim_abi_version());
    answer.payload.U32(kProtocolVersion);
    return true;
}

bool HandleDextIdentifier(PayloadReader &in, Answer &answer)
{
    if (!in.Finish()) return false;
    WriteCString(answer, dksim_dext_identifier());
    return true;
}

// Last error is per thread in dksim; the host serves every request on its main thread, so this is
// the reason of the client's previous failing request.
bool HandleLastError(PayloadReader &in, Answer &answer)
{
    if (!in.Finish()) return false;
    WriteCString(answer, dksim_last_error());
    return true;
}

bool HandleBoot(PayloadReader &in, Answer &answer)
{
    if (!in.Finish()) return false;
    answer.status = dksim_boot();
    return true;
}

bool HandleReset(PayloadReader &in, Answer &answer)
{
    if (!in.Finish()) return false;
    answer.status = dksim_reset();
    return true;
}

bool HandleSetLogCapture(PayloadReader &in, Answer &answer)
{
    int32_t enabled;
    if (!in.I32(enabled, "enabled") || !in.Finish()) return false;
    dksim_set_log_capture(enabled);
    return true;
}

bool HandleSetClockMode(PayloadReader &in, Answer &answer)
{
    int32_t mode;
    if (!in.I32(mode, "mode") || !in.Finish()) return false;
    answer.status = dksim_set_clock_mode(mode);
    return true;
}

bool HandleClockNow(PayloadReader &in, Answer &answer)
{
    if (!in.Finish()) return false;
    answer.payload.U64(dksim_clock_now());
    return true;
}

bool HandleClockAdvance(PayloadReader &in, Answer &answer)
{
    uint64_t ns;
    if (!in.U64(ns, "ns") || !in.Finish()) return false;
    answer.status = dksim_clock_advance(ns);
    return true;
}

bool HandleRunUntilIdle(PayloadReader &in, Answer &answer)
{
    uint64_t maxNs;
    if (!in.U64(maxNs, "max_ns") || !in.Finish()) return false;
    uint64_t advanced = 0;
    answer.status = dksim_run_until_idle(maxNs, &advanced);
    answer.payload.U64(advanced);
    return true;
}

} // namespace dexthost

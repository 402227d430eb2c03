#include "Handlers.h"

namespace dexthost {

namespace {

const OpEntry kOps[] = {
    {Op::AbiVersion, "AbiVersion", HandleAbiVersion},
    {Op::DextIdentifier, "DextIdentifier", HandleDextIdentifier},
    {Op::LastError, "LastError", HandleLastError},
    {Op::Boot, "Boot", HandleBoot},
    {Op::Reset, "Reset", HandleReset},
    {Op::CountMatching, "CountMatching", HandleCountMatching},
    {Op::AddMatchNotification, "AddMatchNotification", HandleAddMatchNotification},
    {Op::PollMatchNotification, "PollMatchNotification", HandlePollMatchNotification},
    {Op::Open, "Open", HandleOpen},
    {Op::Close, "Close", HandleClose},
    {Op::CallMethod, "CallMethod", HandleCallMethod},
    {Op::CallAsyncMethod, "CallAsyncMethod", HandleCallAsyncMethod},
    {Op::TakeCompletions, "TakeCompletions", HandleTakeCompletions},
    {Op::WaitCompletions, "WaitCompletions", HandleWaitCompletions},
    {Op::SetClockMode, "SetClockMode", HandleSetClockMode},
    {Op::ClockNow, "ClockNow", HandleClockNow},
    {Op::ClockAdvance, "ClockAdvance", HandleClockAdvance},
    {Op::RunUntilIdle, "RunUntilIdle", HandleRunUntilIdle},
    {Op::LiveObjects, "LiveObjects", HandleLiveObjects},
    {Op::LiveObjectsText, "LiveObjectsText", HandleLiveObjectsText},
    {Op::ReadLog, "ReadLog", HandleReadLog},
    {Op::SetCoverageShm, "SetCoverageShm", HandleSetCoverageShm},
    {Op::HasCoverage, "HasCoverage", HandleHasCoverage},
    {Op::CoverageEdges, "CoverageEdges", HandleCoverageEdges},
    {Op::SetLogCapture, "SetLogCapture", HandleSetLogCapture},
    {Op::TakeHidEvents, "TakeHidEvents", HandleTakeHidEvents},
    {Op::MapMemory, "MapMemory", HandleMapMemory},
    {Op::UnmapMemory, "UnmapMemory", HandleUnmapMemory},
    {Op::WriteMemory, "WriteMemory", HandleWriteMemory},
    {Op::ReadMemory, "ReadMemory", HandleReadMemory},
    {Op::SetDevice, "SetDevice", HandleSetDevice},
    {Op::FeedDevice, "FeedDevice", HandleFeedDevice},
    {Op::UnplugDevice, "UnplugDevice", HandleUnplugDevice},
    {Op::RaiseInterrupt, "RaiseInterrupt", HandleRaiseInterrupt},
    {Op::TakeViolations, "TakeViolations", HandleTakeViolations},
    {Op::TakeDispatchEntries, "TakeDispatchEntries", HandleTakeDispatchEntries},
    {Op::RunProgram, "RunProgram", HandleRunProgram},
};

} // namespace

const OpEntry *FindOp(uint32_t op)
{
    for (const auto &entry : kOps)
        if (static_cast<uint32_t>(entry.op) == op) return &entry;
    return nullptr;
}

} // namespace dexthost

namespace ConformanceKit.Transports.Socket;

/// <summary>Operation numbers of the dexthost wire protocol (dext/host/PROTOCOL.md, dext/host/src/Ops.h).</summary>
internal enum HostOp : uint
{
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
}

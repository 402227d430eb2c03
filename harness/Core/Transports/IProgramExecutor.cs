namespace ConformanceKit.Transports;

/// <summary>
/// A transport that can run a whole program where the dext runs, in one exchange (dexthost's
/// RunProgram): the operations the runner would make one by one are made there, the same way, and
/// recorded. Until the returned replay is disposed, the transport then answers the runner's requests
/// from that record — each request checked against the one that was made — so the runner judges
/// exactly what it always has, at the price of one round trip per program instead of one per
/// operation. Operations after the replay (reading the dext's logs for a finding) are live again.
/// </summary>
public interface IProgramExecutor
{
    /// <summary>
    /// Runs the program and starts the replay; null when this program cannot be run so (it exceeds
    /// what one request carries, or the record outgrew one answer), and the caller makes its steps one
    /// by one. A crash or hang surfaces as from any call (<see cref="DextCrashedException"/>,
    /// <see cref="DextHungException"/>); the transport is then restarted by its next call.
    /// </summary>
    IDisposable? RunProgram(ProgramExecution execution);
}

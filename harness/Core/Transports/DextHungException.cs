namespace ConformanceKit.Transports;

/// <summary>
/// The dext did not answer a call within the per-call timeout, counted in the time the dext itself
/// spent on it (CPU time, or time blocked with nothing runnable; see Socket/HostRunTime.cs), not in
/// wall-clock time a busy machine stretches; its host has been killed.
/// </summary>
public sealed class DextHungException(TimeSpan timeout, string log)
    : Exception($"dext did not answer within {timeout.TotalMilliseconds:0} ms of its own run time (spinning or blocked)")
{
    public TimeSpan Timeout { get; } = timeout;
    public string Log { get; } = log;
}

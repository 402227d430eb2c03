namespace ConformanceKit.Transports;

/// <summary>The dext did not answer a call within the per-call timeout; its host has been killed.</summary>
public sealed class DextHungException(TimeSpan timeout, string log)
    : Exception($"dext did not answer within {timeout.TotalMilliseconds:0} ms")
{
    public TimeSpan Timeout { get; } = timeout;
    public string Log { get; } = log;
}

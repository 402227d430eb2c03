namespace ConformanceKit.Transports;

/// <summary>
/// The dext died during a call: a sanitizer report, a signal or an exit. Carries everything a finding
/// needs; the transport is usable again afterwards (a supervised host is restarted).
/// </summary>
public sealed class DextCrashedException(string summary, string report, int? exitCode, int? signal)
    : Exception($"dext crashed: {summary}")
{
    public string Summary { get; } = summary;

    /// <summary>The sanitizer report or whatever the dext wrote to stderr before dying.</summary>
    public string Report { get; } = report;

    public int? ExitCode { get; } = exitCode;
    public int? Signal { get; } = signal;
}

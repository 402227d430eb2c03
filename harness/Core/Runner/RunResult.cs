using ConformanceKit.Oracle;
using ConformanceKit.Programs;

namespace ConformanceKit.Runner;

/// <summary>What running a program showed: per-step observations, the rules it broke, a crash, the dext's log.</summary>
public sealed record RunResult(
    Program Program,
    IReadOnlyList<string> Observations,
    IReadOnlyList<Violation> Violations,
    CrashInfo? Crash,
    string DextLog)
{
    public bool Passed => Violations.Count == 0;
}

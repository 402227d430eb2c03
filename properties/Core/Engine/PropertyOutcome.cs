using ConformanceKit.Properties.Catalog;
using ConformanceKit.Runner;

namespace ConformanceKit.Properties.Engine;

/// <summary>What checking one property showed: how many programs ran and the distinct minimal findings.</summary>
/// <param name="ProgramsRun">Programs run, shrinking included.</param>
/// <param name="ProgramsReached">Of those, the programs the dext served at least one step of (<see cref="RunResult.ReachedDext"/>).</param>
/// <param name="CallsDelivered">Calls that reached the dext's ExternalMethod over all those programs.</param>
public sealed record PropertyOutcome(RuleProperty Property, int ProgramsRun, int ProgramsReached, long CallsDelivered,
    IReadOnlyList<Finding> Findings, ulong FirstSeed, TimeSpan Duration)
{
    public bool Held => Findings.Count == 0;
}

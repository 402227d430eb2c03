using ConformanceKit.Properties.Catalog;
using ConformanceKit.Runner;

namespace ConformanceKit.Properties.Engine;

/// <summary>What checking one property showed: how many programs ran and the distinct minimal findings.</summary>
public sealed record PropertyOutcome(RuleProperty Property, int ProgramsRun, IReadOnlyList<Finding> Findings, ulong FirstSeed, TimeSpan Duration)
{
    public bool Held => Findings.Count == 0;
}

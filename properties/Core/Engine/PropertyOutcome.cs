using ConformanceKit.Properties.Catalog;
using ConformanceKit.Runner;

namespace ConformanceKit.Properties.Engine;

/// <summary>What checking one property showed: how many programs ran and the distinct minimal findings.</summary>
/// <param name="ProgramsRun">Programs run, shrinking included.</param>
/// <param name="ProgramsReached">
/// Of those, the programs the dext served at least one step of (<see cref="RunResult.ReachedDext"/>) without
/// hanging; for async.delivery, that also settled a completion (<see cref="RunResult.CompletionsJudged"/>).
/// </param>
/// <param name="CallsDelivered">Calls that reached the dext's ExternalMethod over all those programs.</param>
/// <param name="Findings">
/// Distinct minimal findings: violations of the property's own rule, and any crash or hang of the
/// dext (memory.safety) while its programs ran, whatever rule it was checking.
/// </param>
/// <param name="NotReachedBecause">Why the first program that did not reach the dext did not (the open's refusal, in the runtime's words).</param>
public sealed record PropertyOutcome(RuleProperty Property, int ProgramsRun, int ProgramsReached, long CallsDelivered,
    IReadOnlyList<Finding> Findings, ulong FirstSeed, TimeSpan Duration, string? NotReachedBecause = null)
{
    public bool Held => Findings.Count == 0;

    /// <summary>Judged only when its programs reached the dext: a property whose every program was skipped proves nothing.</summary>
    public bool Judged => ProgramsReached > 0;
}

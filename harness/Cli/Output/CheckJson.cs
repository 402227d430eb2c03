using ConformanceKit.Properties.Engine;
using ConformanceKit.Spec;

namespace ConformanceKit.Cli.Output;

/// <summary>The --json summary of `check`: the contract is dext, rules[{id,status}] and findings[{rule,selector,signature,reproducer}].</summary>
public sealed record CheckJson(
    string Dext,
    string Spec,
    string Transport,
    string Variant,
    int Seed,
    int Cases,
    long DurationMs,
    bool AllHeld,
    IReadOnlyList<CheckJson.RuleJson> Rules,
    IReadOnlyList<FindingJson> Findings,
    IReadOnlyList<KnownJson>? KnownFindings = null)
{
    public sealed record RuleJson(string Id, RuleStatus Status, IReadOnlyList<RowJson> Selectors);

    /// <param name="Programs">Programs generated and run for this row (shrinking included).</param>
    /// <param name="Reached">Of those, programs the dext served at least one step of.</param>
    /// <param name="Calls">Calls that reached the dext's ExternalMethod in those programs.</param>
    public sealed record RowJson(uint? Selector, string? Name, RuleStatus Status, int Programs, int Reached, long Calls, string? Note);

    public static CheckJson From(CheckReport report, DispatchSpec spec) => new(
        report.Dext, spec.SourcePath, report.Transport, report.Variant, report.Options.Seed, report.Options.Cases,
        (long)report.Duration.TotalMilliseconds, report.AllHeld,
        report.RuleSummary.Select(rule => new RuleJson(rule.Rule, rule.Status,
            report.Rows.Where(r => r.Rule == rule.Rule).Select(r => new RowJson(
                r.Selector, r.Target.Selector?.Name, r.Status, r.Outcome?.ProgramsRun ?? 0,
                r.Outcome?.ProgramsReached ?? 0, r.Outcome?.CallsDelivered ?? 0, r.Target.NotApplicableBecause)).ToArray())).ToArray(),
        report.Findings.Select(f => FindingJson.From(f, spec)).ToArray(),
        KnownJson.From(spec));
}

using ConformanceKit.Properties.Engine;
using ConformanceKit.Runner;
using ConformanceKit.Spec;
using ConformanceKit.Targets;

namespace ConformanceKit.Cli.Output;

/// <summary>
/// The --json summary of `check`: dext, rules[{id, status, selectors}], findings[{rule, selector,
/// signature, reproducer}], how many rules were judged, and the spec's known findings. A status is
/// held, failed, not-applicable or not-judged; a not-judged row says why, and byDesign tells the
/// transport's documented limits (which do not fail the run) from programs that never reached the dext.
/// </summary>
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
    IReadOnlyList<KnownJson>? KnownFindings = null,
    int? JudgedRules = null,
    int? ApplicableRules = null)
{
    public const string ReproducerFileName = "reproducer.txt";

    public sealed record RuleJson(string Id, RuleStatus Status, IReadOnlyList<RowJson> Selectors, string? Reason = null, bool ByDesign = false);

    /// <param name="Programs">Programs generated and run for this row (shrinking included).</param>
    /// <param name="Reached">Of those, programs the dext served at least one step of.</param>
    /// <param name="Calls">Calls that reached the dext's ExternalMethod in those programs.</param>
    /// <param name="Note">Why the row does not apply or was not judged.</param>
    public sealed record RowJson(uint? Selector, string? Name, RuleStatus Status, int Programs, int Reached, long Calls, string? Note, bool ByDesign = false);

    /// <param name="dext">The dext folder checked: each finding's replay command names it, each reproducer its sources.</param>
    public static CheckJson From(CheckReport report, DispatchSpec spec, DextTarget dext)
    {
        // The reproducer travels as text (in this file, and attached as reproducer.txt in the report):
        // saved under that name, this command replays it exactly as the check ran it.
        var replay = ReplayCommandLine.For(ReproducerFileName, dext.Directory, spec.SourcePath, report.Transport, report.Variant);
        var (judged, applicable) = report.JudgedRules;
        return new CheckJson(
            report.Dext, spec.SourcePath, report.Transport, report.Variant, report.Options.Seed, report.Options.Cases,
            (long)report.Duration.TotalMilliseconds, report.AllHeld,
            report.RuleSummary.Select(rule => new RuleJson(rule.Rule, rule.Status,
                report.Rows.Where(r => r.Rule == rule.Rule).Select(r => new RowJson(
                    r.Selector, r.Target.Selector?.Name, r.Status, r.Outcome?.ProgramsRun ?? 0,
                    r.Outcome?.ProgramsReached ?? 0, r.Outcome?.CallsDelivered ?? 0, r.Reason, r.NotJudgedByDesign)).ToArray(),
                rule.Reason, rule.ByDesign)).ToArray(),
            report.Findings.Select(f => FindingJson.From(f, spec, dext.Sources, replay)).ToArray(),
            KnownJson.From(spec), judged, applicable);
    }
}

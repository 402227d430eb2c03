using ConformanceKit.Contracts.Check;
using ConformanceKit.Contracts.Findings;
using ConformanceKit.Properties.Engine;
using ConformanceKit.Runner;
using ConformanceKit.Spec;
using ConformanceKit.Targets;

namespace ConformanceKit.Cli.Output;

/// <summary>The --json summary of `check` (<see cref="CheckFile"/>) from the check's report.</summary>
public static class CheckJson
{
    public const string ReproducerFileName = FindingFolderFiles.Reproducer;

    /// <param name="dext">The dext folder checked: each finding's replay command names it, each reproducer its sources.</param>
    public static CheckFile From(CheckReport report, DispatchSpec spec, DextTarget dext)
    {
        // The reproducer travels as text (in this file, and attached as reproducer.txt in the report):
        // saved under that name, this command replays it exactly as the check ran it.
        var replay = ReplayCommandLine.For(ReproducerFileName, dext.Directory, spec.SourcePath, report.Transport, report.Variant);
        var (judged, applicable) = report.JudgedRules;
        return new CheckFile(
            report.Dext, spec.SourcePath, report.Transport, report.Variant, report.Options.Seed, report.Options.Cases,
            (long)report.Duration.TotalMilliseconds, report.AllHeld,
            report.RuleSummary.Select(rule => new CheckFile.RuleEntry(rule.Rule, rule.Status,
                report.Rows.Where(r => r.Rule == rule.Rule).Select(r => new CheckFile.RowEntry(
                    r.Selector, r.Target.Selector?.Name, r.Status, r.Outcome?.ProgramsRun ?? 0,
                    r.Outcome?.ProgramsReached ?? 0, r.Outcome?.CallsDelivered ?? 0, r.Reason, r.NotJudgedByDesign)).ToArray(),
                rule.Reason, rule.ByDesign)).ToArray(),
            report.Findings.Select(f => FindingJson.From(f, spec, dext.Sources, replay)).ToArray(),
            KnownJson.From(spec), judged, applicable);
    }
}

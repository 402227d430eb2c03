using System.Diagnostics;
using ConformanceKit.Contracts.Check;
using ConformanceKit.Properties.Catalog;
using ConformanceKit.Runner;
using ConformanceKit.Spec;
using ConformanceKit.Transports;

namespace ConformanceKit.Properties.Engine;

/// <summary>
/// Runs the whole conformance suite of a spec against a dext behind a transport. Every property's
/// findings go to one set, deduplicated by signature, and each finding is filed under the row of
/// its rule and selector — a crash found while dispatch.accept/3 ran is a memory.safety/3 finding —
/// or, where the table has no such row (a selector past the table, a wait or a close), under the
/// rule's dext-wide row.
/// </summary>
public static class ConformanceCheck
{
    public static CheckReport Run(DispatchSpec spec, IDextTransport transport, string variant, CheckOptions options,
        Action<RuleTarget, PropertyOutcome?>? progress = null, Func<RuleTarget, bool>? include = null)
    {
        var clock = Stopwatch.StartNew();
        var runner = new ProgramRunner(spec, transport, new RunnerOptions(StopAtFirstViolation: false, RecordObservations: false));
        var checker = new PropertyChecker(runner, spec.Dext);
        var findings = new FindingSet();
        var hangs = new HangTracker();
        var checkedTargets = new List<(RuleTarget Target, PropertyOutcome? Outcome)>();
        foreach (var target in RuleCatalog.For(spec, TransportAbilities.Of(transport)))
        {
            if (include is not null && !include(target)) continue;
            PropertyOutcome? outcome = null;
            if (target is { Rule: Oracle.Rules.SpecDispatch, NotJudgedBecause: null })
                foreach (var finding in SpecDispatchCheck.Run(spec, transport)) findings.Add(finding);
            if (target.Property is not null)
            {
                outcome = checker.Check(target.Property, options, findings.Signatures, hangs);
                foreach (var finding in outcome.Findings) findings.Add(finding);
            }
            checkedTargets.Add((target, outcome));
            progress?.Invoke(target, outcome);
        }
        var all = findings.All;
        var rows = checkedTargets.Select(t => Row(t.Target, t.Outcome, all.Where(f => FiledUnder(f, t.Target, checkedTargets)).ToArray())).ToArray();
        return new CheckReport(spec.Dext, transport.Kind.Name(), variant, options, rows, all, clock.Elapsed);
    }

    static RuleRow Row(RuleTarget target, PropertyOutcome? outcome, IReadOnlyList<Finding> findings)
    {
        if (target.NotApplicableBecause is { } notApplicable) return new RuleRow(target, RuleStatus.NotApplicable, null, findings, notApplicable);
        if (target.NotJudgedBecause is { } byDesign) return new RuleRow(target, RuleStatus.NotJudged, null, findings, byDesign);
        if (findings.Count > 0) return new RuleRow(target, RuleStatus.Failed, outcome, findings, null);
        if (outcome is { Judged: false })
            return new RuleRow(target, RuleStatus.NotJudged, outcome, findings, outcome.ProgramsRun == 0
                ? $"no program was run: {outcome.NotReachedBecause}"
                : $"none of its {outcome.ProgramsRun} programs {(target.Rule == Oracle.Rules.AsyncDelivery ? "judged a completion" : "reached the dext")}: {outcome.NotReachedBecause}");
        return new RuleRow(target, RuleStatus.Held, outcome, findings, null);
    }

    /// <summary>The row of the finding's rule and selector, else its rule's dext-wide row.</summary>
    static bool FiledUnder(Finding finding, RuleTarget target, IReadOnlyList<(RuleTarget Target, PropertyOutcome? Outcome)> rows)
    {
        if (finding.Rule != target.Rule) return false;
        if (target.Selector is { } entry) return finding.Selector == entry.Selector;
        return !rows.Any(r => r.Target.Rule == finding.Rule && r.Target.Selector is { } s && s.Selector == finding.Selector);
    }
}

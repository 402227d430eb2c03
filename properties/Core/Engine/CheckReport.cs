using ConformanceKit.Contracts.Check;
using ConformanceKit.Properties.Catalog;
using ConformanceKit.Runner;

namespace ConformanceKit.Properties.Engine;

/// <summary>One row of the conformance table, with the findings filed under it and why it was not judged or does not apply.</summary>
public sealed record RuleRow(RuleTarget Target, RuleStatus Status, PropertyOutcome? Outcome, IReadOnlyList<Finding> Findings, string? Reason)
{
    public string Rule => Target.Rule;
    public uint? Selector => Target.Selector?.Selector;

    /// <summary>Not judged because the chosen transport cannot judge this rule: shown, but not a failure of the run.</summary>
    public bool NotJudgedByDesign => Status == RuleStatus.NotJudged && Target.NotJudgedBecause is not null;

    /// <summary>Not judged although it should have been: its programs never reached the dext.</summary>
    public bool NotJudgedUnexpectedly => Status == RuleStatus.NotJudged && !NotJudgedByDesign;
}

/// <summary>One rule over all its rows: its status and, when not judged, why.</summary>
public sealed record RuleVerdict(string Rule, RuleStatus Status, string? Reason, bool ByDesign);

/// <summary>The result of checking a dext: per rule and selector, and the distinct findings.</summary>
public sealed record CheckReport(
    string Dext,
    string Transport,
    string Variant,
    CheckOptions Options,
    IReadOnlyList<RuleRow> Rows,
    IReadOnlyList<Finding> Findings,
    TimeSpan Duration)
{
    /// <summary>Every rule holds: no finding, and nothing went unjudged except what the transport cannot judge by design.</summary>
    public bool AllHeld => Findings.Count == 0 && !Rows.Any(r => r.NotJudgedUnexpectedly);

    public IReadOnlyList<RuleRow> NotJudgedUnexpectedly => Rows.Where(r => r.NotJudgedUnexpectedly).ToArray();

    /// <summary>
    /// Per rule id: failed if any row failed; not judged if a row that should have been judged was
    /// not; held if any row held; not judged by design if the transport cannot judge it; else not
    /// applicable.
    /// </summary>
    public IReadOnlyList<RuleVerdict> RuleSummary =>
        Oracle.Rules.All.Select(rule =>
        {
            var rows = Rows.Where(r => r.Rule == rule).ToArray();
            if (rows.Any(r => r.Status == RuleStatus.Failed)) return new RuleVerdict(rule, RuleStatus.Failed, null, false);
            if (rows.FirstOrDefault(r => r.NotJudgedUnexpectedly) is { } unjudged) return new RuleVerdict(rule, RuleStatus.NotJudged, unjudged.Reason, false);
            if (rows.Any(r => r.Status == RuleStatus.Held)) return new RuleVerdict(rule, RuleStatus.Held, null, false);
            if (rows.FirstOrDefault(r => r.NotJudgedByDesign) is { } design) return new RuleVerdict(rule, RuleStatus.NotJudged, design.Reason, true);
            return new RuleVerdict(rule, RuleStatus.NotApplicable, rows.FirstOrDefault()?.Reason, false);
        }).ToArray();

    /// <summary>Rules that were judged (held or failed), out of the rules that apply to the dext.</summary>
    public (int Judged, int Applicable) JudgedRules
    {
        get
        {
            var summary = RuleSummary;
            return (summary.Count(r => r.Status is RuleStatus.Held or RuleStatus.Failed), summary.Count(r => r.Status != RuleStatus.NotApplicable));
        }
    }
}

using ConformanceKit.Properties.Catalog;
using ConformanceKit.Runner;

namespace ConformanceKit.Properties.Engine;

/// <summary>Status of a rule, or of a rule at a selector.</summary>
public enum RuleStatus { Held, Failed, NotApplicable }

/// <summary>One row of the conformance table.</summary>
public sealed record RuleRow(RuleTarget Target, RuleStatus Status, PropertyOutcome? Outcome)
{
    public string Rule => Target.Rule;
    public uint? Selector => Target.Selector?.Selector;
}

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
    public bool AllHeld => Findings.Count == 0;

    /// <summary>Per rule id: failed if any row failed, held if any held, else not applicable.</summary>
    public IReadOnlyList<(string Rule, RuleStatus Status)> RuleSummary =>
        Oracle.Rules.All.Select(rule =>
        {
            var rows = Rows.Where(r => r.Rule == rule).ToArray();
            var status = rows.Any(r => r.Status == RuleStatus.Failed) ? RuleStatus.Failed
                : rows.Any(r => r.Status == RuleStatus.Held) ? RuleStatus.Held
                : RuleStatus.NotApplicable;
            return (rule, status);
        }).ToArray();
}

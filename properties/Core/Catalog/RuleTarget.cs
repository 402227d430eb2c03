using ConformanceKit.Spec;

namespace ConformanceKit.Properties.Catalog;

/// <summary>
/// A row of the conformance table: a rule at a selector (or dext-wide), with its property, or why it
/// has none — the rule does not apply to this dext (NotApplicableBecause), or the transport the user
/// chose cannot judge it by design (NotJudgedBecause: shown, never counted as held, and not a
/// failure of the run since it was the user's documented choice).
/// </summary>
public sealed record RuleTarget(string Rule, SelectorSpec? Selector, RuleProperty? Property, string? NotApplicableBecause,
    string? NotJudgedBecause = null);

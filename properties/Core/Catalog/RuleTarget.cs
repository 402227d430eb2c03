using ConformanceKit.Spec;

namespace ConformanceKit.Properties.Catalog;

/// <summary>A row of the conformance table: a rule at a selector (or dext-wide), with its property or why none applies.</summary>
public sealed record RuleTarget(string Rule, SelectorSpec? Selector, RuleProperty? Property, string? NotApplicableBecause);

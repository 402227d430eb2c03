using ConformanceKit.Oracle;
using ConformanceKit.Programs;
using ConformanceKit.Spec;
using FsCheck;

namespace ConformanceKit.Properties.Catalog;

/// <summary>
/// One property of the conformance suite: a rule, checked for one selector (or for the dext as a
/// whole), with its program generator and a deterministic sweep of boundary programs run first.
/// It fails on a violation of its rule at its selector.
/// </summary>
public sealed record RuleProperty(string Rule, SelectorSpec? Selector, Gen<Program> Generator, IReadOnlyList<Program> Sweep)
{
    /// <summary>Stable id, e.g. "dispatch.shape/3" or "objects.balance".</summary>
    public string Id => Selector is { } s ? $"{Rule}/{s.Selector}" : Rule;

    public string Title => Selector is { } s ? $"{Rule} · {s.Selector} {s.Name}" : Rule;

    public bool Counts(Violation violation) =>
        violation.Rule == Rule && (Selector is null || violation.Selector == Selector.Selector);
}

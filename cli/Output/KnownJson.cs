using ConformanceKit.Contracts.Check;
using ConformanceKit.Spec;

namespace ConformanceKit.Cli.Output;

/// <summary>The spec's known findings as the check and fuzz summaries carry them (<see cref="KnownEntry"/>), and how one is matched.</summary>
public static class KnownJson
{
    public static IReadOnlyList<KnownEntry> From(DispatchSpec spec) =>
        spec.Known.Select(k => new KnownEntry(k.Rule, k.Selector, k.Kinds, k.Why)).ToArray();

    /// <summary>The spec's own rule for a known finding, applied to the copy a summary carries.</summary>
    public static bool Covers(this KnownEntry known, string rule, uint? selector, string kind) =>
        new KnownFinding(known.Rule, known.Selector, known.Kinds, known.Why, 0).Covers(rule, selector, kind);
}

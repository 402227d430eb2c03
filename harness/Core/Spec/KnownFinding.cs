namespace ConformanceKit.Spec;

/// <summary>
/// A finding the dext is known to have, such as the sample's deliberately unchecked paths. Known
/// findings are still found and reported — marked known — so a reference target proves the suite
/// works; `check --allow-known` does not fail on them. An entry names the rule, the selector (null:
/// any selector) and the kinds of violation it covers, as patterns where * stands for any run of
/// characters (e.g. "heap-buffer-overflow-read@*"): a new kind of bug on a selector that already
/// has a known one is a new finding, never hidden behind the old one.
/// </summary>
public sealed record KnownFinding(string Rule, uint? Selector, IReadOnlyList<string> Kinds, string Why, int Line)
{
    public bool Covers(string rule, uint? selector, string kind) =>
        Rule == rule && (Selector is null || Selector == selector) && Kinds.Any(pattern => KindPattern.Matches(pattern, kind));
}

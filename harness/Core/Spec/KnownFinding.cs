namespace ConformanceKit.Spec;

/// <summary>
/// A finding the dext is known to have, such as the sample's deliberately unchecked paths. Known
/// findings are still found and reported — marked known — so a reference target proves the suite
/// works; `check --allow-known` does not fail on them. Selector null: any selector.
/// </summary>
public sealed record KnownFinding(string Rule, uint? Selector, string Why, int Line)
{
    public bool Covers(string rule, uint? selector) => Rule == rule && (Selector is null || Selector == selector);
}

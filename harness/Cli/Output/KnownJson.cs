using ConformanceKit.Spec;

namespace ConformanceKit.Cli.Output;

/// <summary>
/// A finding the spec lists under `known:`, carried in the check and fuzz JSON so that a summary can
/// tell "exactly the known findings" from "some known finding was not seen" without the spec.
/// </summary>
public sealed record KnownJson(string Rule, uint? Selector, IReadOnlyList<string> Kinds, string Why)
{
    public static IReadOnlyList<KnownJson> From(DispatchSpec spec) =>
        spec.Known.Select(k => new KnownJson(k.Rule, k.Selector, k.Kinds, k.Why)).ToArray();

    public bool Covers(string rule, uint? selector, string kind) => new KnownFinding(Rule, Selector, Kinds, Why, 0).Covers(rule, selector, kind);

    public override string ToString() =>
        $"{Rule} @ {(Selector is { } s ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) : "any selector")} ({string.Join(" | ", Kinds)})";
}

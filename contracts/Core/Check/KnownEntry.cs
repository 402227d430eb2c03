namespace ConformanceKit.Contracts.Check;

/// <summary>
/// A finding the spec lists under `known:` (kinds are patterns, see the spec's documentation),
/// carried in the check and fuzz summaries so that a summary can tell "exactly the known findings"
/// from "some known finding was not seen" without the spec.
/// </summary>
public sealed record KnownEntry(string Rule, uint? Selector, IReadOnlyList<string> Kinds, string Why)
{
    public override string ToString() =>
        $"{Rule} @ {(Selector is { } s ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) : "any selector")} ({string.Join(" | ", Kinds)})";
}

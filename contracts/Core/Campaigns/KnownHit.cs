using System.Globalization;

namespace ConformanceKit.Contracts.Campaigns;

/// <summary>
/// A finding the spec lists under <c>known:</c> that a campaign's fuzz targets ran into. The target
/// does not crash on it (so afl-fuzz goes on from inputs that show it) but counts it: Hits is how
/// many executions showed it (summed over every fuzz target of the campaign, about: a target's last
/// second may be lost when afl-fuzz kills it), FirstInput the first input that did, relative to the
/// campaign folder (<see cref="KnownHitsFile"/>), which triage turns into a finding folder marked known.
/// </summary>
public sealed record KnownHit(string Rule, uint? Selector, string Kind, string Signature, long Hits, string? FirstInput)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Rule} @ {(Selector is { } s ? s.ToString(CultureInfo.InvariantCulture) : "—")} ({Kind}) ×{Hits}{(FirstInput is null ? "" : ", first input " + FirstInput)}");
}

using ConformanceKit.Oracle;
using ConformanceKit.Spec;

namespace ConformanceKit.Runner;

/// <summary>
/// How a campaign tells a run's violations apart: those the spec lists under <c>known:</c> (rule,
/// selector and kind, as <see cref="DispatchSpec.KnownEntry"/> matches them) are counted and kept,
/// and the first one it does not list is what makes the fuzz target crash — so a known finding never
/// stops afl-fuzz, and an unknown one later in the same program still does. The fuzz target and the
/// campaign's seed check both ask here.
/// </summary>
public static class KnownViolations
{
    /// <summary>The index of the first violation the spec does not list as known, or -1 when every one is known (or there is none).</summary>
    public static int FirstUnknown(DispatchSpec spec, IReadOnlyList<Violation> violations)
    {
        for (var k = 0; k < violations.Count; k++)
            if (!spec.IsKnown(violations[k].Rule, violations[k].Selector, violations[k].Kind)) return k;
        return -1;
    }

    /// <summary>The violations the spec lists as known, each signature once, in program order.</summary>
    public static IEnumerable<Violation> Known(DispatchSpec spec, IReadOnlyList<Violation> violations)
    {
        var seen = new HashSet<(string, uint?, string)>();
        foreach (var violation in violations)
            if (spec.IsKnown(violation.Rule, violation.Selector, violation.Kind) && seen.Add((violation.Rule, violation.Selector, violation.Kind)))
                yield return violation;
    }
}

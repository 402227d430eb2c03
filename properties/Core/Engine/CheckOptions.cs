namespace ConformanceKit.Properties.Engine;

/// <summary>How hard the suite looks.</summary>
/// <param name="Seed">Makes the whole run reproducible; printed with every failure.</param>
/// <param name="Cases">Random programs per property after its boundary sweep.</param>
/// <param name="MaxDistinctFindings">Distinct bugs to look for per property before moving on.</param>
public sealed record CheckOptions(int Seed = 1, int Cases = 100, int MaxDistinctFindings = 3)
{
    /// <summary>The FsCheck seed of one property: the run's seed mixed with the property's id, stable across machines.</summary>
    public ulong SeedFor(string propertyId, int round)
    {
        var hash = 14695981039346656037UL; // FNV-1a
        foreach (var ch in propertyId) hash = (hash ^ ch) * 1099511628211UL;
        return hash ^ ((ulong)(uint)Seed << 20) ^ (ulong)round;
    }
}

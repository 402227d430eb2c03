using ConformanceKit.Properties.Catalog;

namespace ConformanceKit.Properties.Bench;

/// <summary>
/// Splits a fixed number of random cases over the properties of a spec's catalog, as evenly as
/// possible, so one benchmark operation runs every property's generator and exactly
/// <see cref="Cases"/> programs — which is what lets OperationsPerInvoke make BenchmarkDotNet's
/// per-operation time a per-case time.
/// </summary>
public static class CaseBudget
{
    /// <summary>Cases per benchmark operation: 20 for each of the 21 properties of NullDriverHardened's spec.</summary>
    public const int Cases = 420;

    /// <summary>Each property with its share of <see cref="Cases"/>; the first ones take the remainder.</summary>
    public static IReadOnlyList<(RuleProperty Property, int Cases)> Split(IReadOnlyList<RuleProperty> properties)
    {
        if (properties.Count == 0 || properties.Count > Cases)
            throw new InvalidOperationException($"cannot split {Cases} cases over {properties.Count} properties");
        var share = Cases / properties.Count;
        var extra = Cases % properties.Count;
        return properties.Select((property, index) => (property, share + (index < extra ? 1 : 0))).ToArray();
    }
}

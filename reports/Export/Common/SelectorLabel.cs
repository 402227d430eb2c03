using ConformanceKit.Spec;

namespace ConformanceKit.Reports.Export.Common;

/// <summary>
/// The subSuite label of a selector, "1 Struct" — the form the conformance suite's NUnit tests and the
/// check export use — so a fuzz finding lands next to the tests of the same selector. Fuzz findings
/// carry only the number; the name comes from the dext's spec.yaml when it can be read.
/// </summary>
public static class SelectorLabel
{
    public static string Of(uint selector, string? name) => name is { Length: > 0 } ? $"{selector} {name}" : $"{selector}";

    public static string? NameFromSpec(string? dextDirectory, uint selector)
    {
        if (dextDirectory is null) return null;
        var spec = Path.Combine(dextDirectory, "spec.yaml");
        if (!File.Exists(spec)) return null;
        try
        {
            return SpecLoader.LoadFile(spec).SelectorName(selector);
        }
        catch (SpecException)
        {
            // A spec that no longer loads only costs the name; the finding is still exported.
            return null;
        }
    }
}

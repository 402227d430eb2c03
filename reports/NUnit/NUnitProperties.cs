using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace ConformanceKit.Reports.NUnit;

/// <summary>
/// The NUnit properties the hook reads. The conformance suite sets <c>dext</c>, <c>rule</c>,
/// <c>selector</c>, <c>transport</c>, <c>variant</c>, <c>seed</c> and <c>cases</c> on each test case
/// (TestCaseData.SetProperty); any test may set <c>feature</c>, <c>story</c>, <c>epic</c>,
/// <c>severity</c>, <c>owner</c> or <c>known</c>, and NUnit's own Category and Description are used.
/// </summary>
public static class NUnitProperties
{
    public const string Dext = "dext";
    public const string Rule = "rule";
    public const string Selector = "selector";
    public const string Feature = "feature";
    public const string Story = "story";
    public const string Epic = "epic";
    public const string Severity = "severity";
    public const string Owner = "owner";
    public const string Known = "known";

    /// <summary>Shown as parameters; the ones that only vary a run (seed, cases) are kept out of the history id.</summary>
    public static readonly IReadOnlyList<(string Name, bool Tracked)> Parameters =
        [("transport", true), ("variant", true), ("seed", false), ("cases", false)];

    /// <summary>The value on the test itself, else on the nearest fixture or suite that has one.</summary>
    public static string? Get(ITest test, string name)
    {
        for (var node = test; node is not null; node = node.Parent)
            if (node.Properties.Get(name) is { } value && value.ToString() is { Length: > 0 } text) return text;
        return null;
    }

    /// <summary>Every value on the test and its parents (for categories, which accumulate).</summary>
    public static IEnumerable<string> All(ITest test, string name)
    {
        for (var node = test; node is not null; node = node.Parent)
            if (node.Properties.ContainsKey(name))
                foreach (var value in node.Properties[name])
                    if (value?.ToString() is { Length: > 0 } text) yield return text;
    }

    public static string? Description(ITest test) => test.Properties.Get(PropertyNames.Description)?.ToString();
}

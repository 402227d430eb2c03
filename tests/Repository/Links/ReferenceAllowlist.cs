using System.Text.RegularExpressions;

namespace ConformanceKit.Repository.Tests.Links;

/// <summary>
/// Path-like text the reference check must not take for a broken path. Keep it small: every entry
/// says why it is not a reference to a file of the repository.
/// </summary>
public static partial class ReferenceAllowlist
{
    /// <summary>Paths made at run time (build output, run output, installed packages): a clone has none of them.</summary>
    [GeneratedRegex(@"(^|/)(bin|obj|build|out|node_modules|TestResults|BenchmarkDotNet\.Artifacts)(/|$)")]
    public static partial Regex Generated();

    /// <summary>Single mentions that look like paths and are not: (file, text, why).</summary>
    public static IReadOnlyList<(string File, string Text, string Why)> NotPaths { get; } =
    [
        ("dext/bench/write-results.sh", "RESULTS.md", "a usage line's placeholder for the file stdout is redirected to"),
        ("reports/Export/Fuzz/FindingResults.cs", "dext/rule/selector", "the dext, rule and selector levels results are filed by"),
    ];

    public static bool IsNotAPath(string file, string text) =>
        NotPaths.Any(entry => entry.File == file && entry.Text == text);
}

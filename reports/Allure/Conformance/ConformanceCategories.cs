using System.Text.Json;
using ConformanceKit.Reports.Allure.Model;
using ConformanceKit.Reports.Allure.Writing;

namespace ConformanceKit.Reports.Allure.Conformance;

/// <summary>
/// The failure categories a reviewer sorts by, from reports/categories.json (embedded here). The same
/// file is read by reports/allurerc.mjs, because Allure 3 takes categories from its configuration while
/// Allure 2 takes them from the results directory; one definition keeps both reports alike.
/// </summary>
public static class ConformanceCategories
{
    public const string KnownVulnerable = "Known-vulnerable reference paths";
    public const string DispatchViolations = "Dispatch check violations";
    public const string AsyncViolations = "Async protocol violations";
    public const string MemorySafety = "Memory safety";
    public const string HarnessErrors = "Harness/setup errors";

    public static IReadOnlyList<Category> All { get; } = Load();

    static IReadOnlyList<Category> Load()
    {
        using var stream = typeof(ConformanceCategories).Assembly.GetManifestResourceStream("ConformanceKit.Reports.categories.json")
            ?? throw new InvalidOperationException("categories.json is not embedded in ConformanceKit.Reports.Allure");
        return JsonSerializer.Deserialize<Category[]>(stream, AllureJson.Options)
            ?? throw new InvalidOperationException("categories.json is empty");
    }
}

using System.Security.Cryptography;
using System.Text;
using ConformanceKit.Reports.Allure.Model;

namespace ConformanceKit.Reports.Allure.Identity;

/// <summary>
/// Ids that follow a test across runs, so history and trends line up:
/// <list type="bullet">
/// <item><c>testCaseId</c> = md5(fullName), as allure-js-commons derives it.</item>
/// <item><c>historyId</c> = md5(testCaseId) + "." + md5(the non-excluded parameters sorted by name, then
/// value, as <c>name:value</c> joined by commas) — exactly what Allure 3 computes itself
/// (<c>calculateHistoryId</c> in packages/core/src/store/convert.ts, v3.14.3; same in 3.18.0), so the id we write for
/// Allure 2 and the one Allure 3 uses are the same.</item>
/// </list>
/// Allure sorts with JavaScript's <c>localeCompare</c>; we sort case-insensitively first, which gives
/// the same order for the ASCII names and values we use.
/// </summary>
public static class AllureIds
{
    public static string TestCaseId(string fullName) => Md5(fullName);

    public static string HistoryId(string testCaseId, IEnumerable<Parameter> parameters)
    {
        var part = string.Join(",", parameters
            .Where(p => p.Excluded != true)
            .OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}:{p.Value}"));
        return $"{Md5(testCaseId)}.{Md5(part)}";
    }

    /// <summary>The id the Allure 3 report uses for a result in its URLs (<c>index.html#/&lt;id&gt;</c>): md5(uuid).</summary>
    public static string ReportId(string uuid) => Md5(uuid);

    public static string Md5(string text) =>
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
}

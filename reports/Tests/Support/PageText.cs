using System.Net;
using System.Text.RegularExpressions;

namespace ConformanceKit.Reports.Tests.Support;

/// <summary>The visible text of a dumped DOM: scripts and styles dropped (a single-file report inlines all its data), tags stripped.</summary>
public static partial class PageText
{
    public static string Of(string dom)
    {
        var body = Scripts().Replace(dom, " ");
        body = Tags().Replace(body, "\n");
        return string.Join("\n", WebUtility.HtmlDecode(body).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
    }

    [GeneratedRegex(@"<(script|style)\b[\s\S]*?</\1>", RegexOptions.IgnoreCase)]
    private static partial Regex Scripts();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tags();
}

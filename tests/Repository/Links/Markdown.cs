using System.Text;
using System.Text.RegularExpressions;

namespace ConformanceKit.Repository.Tests.Links;

/// <summary>A link of a Markdown file: its 1-based line and its target as written.</summary>
public sealed record MarkdownLink(int Line, string Target);

/// <summary>
/// What the link checks need of a Markdown file, as GitHub renders it: the links and images outside
/// code, and the anchors its headings get.
/// </summary>
public static partial class Markdown
{
    /// <summary>
    /// Every link target of the text: inline links and images <c>[text](target "title")</c>,
    /// reference definitions <c>[label]: target</c>, and HTML <c>href</c>/<c>src</c> attributes.
    /// Fenced code blocks and code spans are skipped.
    /// </summary>
    public static IReadOnlyList<MarkdownLink> Links(string text)
    {
        var links = new List<MarkdownLink>();
        foreach (var (number, line) in OutsideCode(text))
        {
            foreach (Match m in InlineLink().Matches(line))
            {
                links.Add(new MarkdownLink(number, Unwrap(m.Groups["target"].Value)));
            }
            if (ReferenceDefinition().Match(line) is { Success: true } definition)
            {
                links.Add(new MarkdownLink(number, Unwrap(definition.Groups["target"].Value)));
            }
            foreach (Match m in HtmlAttribute().Matches(line))
            {
                links.Add(new MarkdownLink(number, m.Groups["target"].Value));
            }
        }
        return links;
    }

    /// <summary>
    /// The text's lines except those of fenced code blocks, with code spans blanked (same length, so
    /// columns stay) unless <paramref name="keepCodeSpans"/>.
    /// </summary>
    public static IEnumerable<(int Line, string Text)> OutsideCode(string text, bool keepCodeSpans = false)
    {
        string? fence = null;
        var number = 0;
        foreach (var line in Lines(text))
        {
            number++;
            var trimmed = line.TrimStart();
            var indent = line.Length - trimmed.Length;
            if (fence is null)
            {
                if (indent <= 3 && FenceOpening().Match(trimmed) is { Success: true } opening)
                {
                    fence = opening.Groups["fence"].Value;
                    continue;
                }
                yield return (number, keepCodeSpans ? line : BlankCodeSpans(line));
            }
            else if (indent <= 3 && trimmed.StartsWith(fence, StringComparison.Ordinal)
                     && trimmed.TrimEnd().Trim(fence[0]).Length == 0)
            {
                fence = null;
            }
        }
    }

    /// <summary>The anchors GitHub gives the text's headings (duplicates get -1, -2, ...), and explicit HTML anchors.</summary>
    public static IReadOnlySet<string> Anchors(string text)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        string? previous = null;
        foreach (var (_, line) in OutsideCode(text, keepCodeSpans: true))
        {
            string? heading = null;
            if (AtxHeading().Match(line) is { Success: true } atx)
            {
                heading = atx.Groups["text"].Value;
            }
            else if (previous is not null && previous.Trim().Length > 0 && SetextUnderline().IsMatch(line)
                     && !AtxHeading().IsMatch(previous) && !previous.TrimStart().StartsWith('|'))
            {
                heading = previous.Trim();
            }
            if (heading is not null)
            {
                var slug = Slug(heading);
                if (seen.TryGetValue(slug, out var count))
                {
                    seen[slug] = count + 1;
                    anchors.Add($"{slug}-{count}");
                }
                else
                {
                    seen[slug] = 1;
                    anchors.Add(slug);
                }
            }
            foreach (Match m in HtmlAnchor().Matches(line))
            {
                anchors.Add(m.Groups["name"].Value);
            }
            previous = line;
        }
        return anchors;
    }

    /// <summary>
    /// GitHub's anchor for a heading: the rendered text (code ticks, emphasis, link targets and HTML
    /// tags gone), lowercased, every character that is not a letter, digit, '_', '-' or space
    /// dropped, and each space turned into '-'.
    /// </summary>
    public static string Slug(string heading)
    {
        var rendered = HeadingLink().Replace(heading, "${text}");
        rendered = HtmlTag().Replace(rendered, "");
        rendered = rendered.Replace("`", "", StringComparison.Ordinal).Replace("*", "", StringComparison.Ordinal);
        var slug = new StringBuilder(rendered.Length);
        foreach (var c in rendered.Trim().ToLowerInvariant())
        {
            if (c == ' ')
            {
                slug.Append('-');
            }
            else if (c == '-' || c == '_' || char.IsLetterOrDigit(c))
            {
                slug.Append(c);
            }
        }
        return slug.ToString();
    }

    /// <summary>The text's lines without their line breaks (\n, \r\n or \r).</summary>
    public static IEnumerable<string> Lines(string text)
    {
        using var reader = new StringReader(text);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

    static string BlankCodeSpans(string line)
    {
        if (!line.Contains('`'))
        {
            return line;
        }
        var chars = line.ToCharArray();
        var i = 0;
        while (i < chars.Length)
        {
            if (chars[i] != '`')
            {
                i++;
                continue;
            }
            var run = 0;
            while (i + run < chars.Length && chars[i + run] == '`')
            {
                run++;
            }
            var close = line.IndexOf(new string('`', run), i + run, StringComparison.Ordinal);
            if (close < 0)
            {
                i += run;
                continue;
            }
            for (var k = i; k < close + run; k++)
            {
                chars[k] = ' ';
            }
            i = close + run;
        }
        return new string(chars);
    }

    static string Unwrap(string target) =>
        target.Length >= 2 && target[0] == '<' && target[^1] == '>' ? target[1..^1] : target;

    [GeneratedRegex(@"^(?<fence>`{3,}|~{3,})")]
    private static partial Regex FenceOpening();

    // [text](target "title") and ![alt](target); one level of brackets inside the text; targets may hold
    // balanced parentheses.
    [GeneratedRegex("""!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*(?<target><[^>]*>|(?:[^\s()]|\([^\s()]*\))*)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)""")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^ {0,3}\[[^\]]+\]:\s*(?<target><[^>]*>|\S+)")]
    private static partial Regex ReferenceDefinition();

    [GeneratedRegex("""<(?:a|img|source)\b[^>]*?\b(?:href|src)\s*=\s*["'](?<target>[^"']*)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlAttribute();

    [GeneratedRegex(@"^ {0,3}#{1,6}(?:[ \t]+(?<text>.*?))?(?:[ \t]+#+)?[ \t]*$")]
    private static partial Regex AtxHeading();

    [GeneratedRegex(@"^ {0,3}(?:=+|-+)[ \t]*$")]
    private static partial Regex SetextUnderline();

    [GeneratedRegex("""<a\b[^>]*\b(?:name|id)\s*=\s*["'](?<name>[^"']+)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlAnchor();

    [GeneratedRegex(@"!?\[(?<text>[^\]]*)\]\([^)]*\)")]
    private static partial Regex HeadingLink();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex HtmlTag();
}

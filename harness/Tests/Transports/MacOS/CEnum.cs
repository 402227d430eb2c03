using System.Globalization;
using System.Text.RegularExpressions;

namespace ConformanceKit.Tests.Transports.MacOS;

/// <summary>
/// Evaluates the C enum around a line: members with a literal or a previous member's name take that
/// value, the others count on from the member before (C's rule). Enough for OSMessageNotification.h.
/// </summary>
static partial class CEnum
{
    public static long ValueOf(string[] lines, int line, string member)
    {
        var start = line - 1;
        while (start >= 0 && !lines[start].Contains("enum", StringComparison.Ordinal)) start--;
        if (start < 0) throw new FormatException($"no enum above line {line}");
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        var next = 0L;
        for (var k = start + 1; k < lines.Length; k++)
        {
            var text = lines[k];
            var comment = text.IndexOf("//", StringComparison.Ordinal);
            if (comment >= 0) text = text[..comment];
            if (text.Contains('}', StringComparison.Ordinal)) break;
            var match = Member().Match(text);
            if (!match.Success) continue;
            var name = match.Groups[1].Value;
            var value = match.Groups[2].Success ? Evaluate(match.Groups[2].Value.Trim(), values) : next;
            values[name] = value;
            next = value + 1;
            if (name == member) return value;
        }
        throw new FormatException($"{member} is not in the enum above line {line}");
    }

    static long Evaluate(string expression, Dictionary<string, long> known)
    {
        if (known.TryGetValue(expression, out var value)) return value;
        if (expression.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            return long.Parse(expression.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        if (long.TryParse(expression, NumberStyles.Integer, CultureInfo.InvariantCulture, out value)) return value;
        throw new FormatException($"cannot evaluate '{expression}' (only literals and earlier members)");
    }

    [GeneratedRegex(@"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:=\s*([^,]+?))?\s*,?\s*$")]
    private static partial Regex Member();
}

using System.Globalization;

namespace ConformanceKit.Properties.Tests.Support;

/// <summary>
/// Line edits of a spec.yaml, for tests that need a spec which is wrong about its dext in one known
/// way. It edits the text, not a re-serialised model, so the copy keeps the original's comments and
/// line numbers, and everything but the one edited line is byte for byte the real spec.
/// </summary>
public static class SpecEdit
{
    /// <summary>
    /// The spec text with <paramref name="field"/> of the entry for <paramref name="selector"/> changed
    /// from <paramref name="from"/> to <paramref name="to"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// the entry or the field with that value is not there: the real spec changed, and the test built
    /// on this edit must be looked at rather than silently test an unedited spec.
    /// </exception>
    public static string ChangeCount(string specText, uint selector, string field, uint from, uint to)
    {
        var lines = specText.Split('\n');
        var entry = Array.FindIndex(lines, line => IsEntryStart(line, out var s) && s == selector);
        if (entry < 0) throw new InvalidOperationException($"the spec has no entry '- selector: {selector}'");
        for (var index = entry + 1; index < lines.Length && !IsEntryStart(lines[index], out _) && !IsTopLevel(lines[index]); index++)
        {
            var line = lines[index];
            var key = line.TrimStart();
            var value = $"{field}: {from.ToString(CultureInfo.InvariantCulture)}";
            if (!key.StartsWith(value, StringComparison.Ordinal) || (key.Length > value.Length && !char.IsWhiteSpace(key[value.Length])))
                continue;
            var indent = line[..(line.Length - key.Length)];
            lines[index] = indent + $"{field}: {to.ToString(CultureInfo.InvariantCulture)}" + key[value.Length..];
            return string.Join('\n', lines);
        }
        throw new InvalidOperationException($"the entry for selector {selector} has no line '{field}: {from}'");
    }

    static bool IsEntryStart(string line, out uint selector)
    {
        selector = 0;
        var text = line.Split('#')[0].Trim();
        const string prefix = "- selector:";
        return text.StartsWith(prefix, StringComparison.Ordinal)
            && uint.TryParse(text[prefix.Length..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out selector);
    }

    /// <summary>A top-level key such as "async:" ends the selectors list.</summary>
    static bool IsTopLevel(string line) => line.Length > 0 && !char.IsWhiteSpace(line[0]) && line[0] != '#' && line[0] != '-';
}

using System.Globalization;

namespace ConformanceKit.Transports;

/// <summary>Reads dksim's live-object text ("Class=count" lines) into counters.</summary>
public static class LiveObjectText
{
    public static IReadOnlyDictionary<string, long> Parse(string text)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = line.LastIndexOf('=');
            if (equals <= 0 || !long.TryParse(line.AsSpan(equals + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count))
                throw new FormatException($"bad live-object line '{line}'");
            counts[line[..equals]] = count;
        }
        return counts;
    }
}

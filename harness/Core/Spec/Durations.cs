using System.Globalization;

namespace ConformanceKit.Spec;

/// <summary>Durations in spec and program text: "5s", "1500ms", "20us", "7ns" or a bare number of nanoseconds.</summary>
public static class Durations
{
    static readonly (string Suffix, ulong Nanoseconds)[] Units = [("ns", 1), ("us", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000)];

    public static bool TryParse(string text, out ulong nanoseconds)
    {
        nanoseconds = 0;
        var trimmed = text.Trim();
        foreach (var (suffix, scale) in Units.OrderByDescending(u => u.Suffix.Length))
        {
            if (!trimmed.EndsWith(suffix, StringComparison.Ordinal)) continue;
            var number = trimmed[..^suffix.Length];
            if (!ulong.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var count)) return false;
            if (count > ulong.MaxValue / scale) return false;
            nanoseconds = count * scale;
            return true;
        }
        return ulong.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out nanoseconds);
    }

    /// <summary>The largest unit that represents the value exactly, so Format and TryParse round-trip.</summary>
    public static string Format(ulong nanoseconds)
    {
        if (nanoseconds == 0) return "0s";
        foreach (var (suffix, scale) in Units.Reverse())
            if (nanoseconds % scale == 0) return $"{nanoseconds / scale}{suffix}";
        return $"{nanoseconds}ns";
    }
}

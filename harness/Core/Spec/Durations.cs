using System.Globalization;

namespace ConformanceKit.Spec;

/// <summary>
/// Durations everywhere a user writes one (spec, program text, --time and every other option):
/// "5s", "1500ms", "20us", "7ns", "10m", "2h", compounds such as "1h30m" or "1m30s", or a bare
/// number of nanoseconds. One parser, so the README's and --help's examples hold for every option.
/// </summary>
public static class Durations
{
    static readonly (string Suffix, ulong Nanoseconds)[] Units =
        [("ns", 1), ("us", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000), ("m", 60_000_000_000), ("h", 3_600_000_000_000)];

    /// <summary>Units that <see cref="Format"/> writes: program text stays in seconds and below.</summary>
    static readonly (string Suffix, ulong Nanoseconds)[] FormatUnits = Units[..4];

    public static bool TryParse(string text, out ulong nanoseconds)
    {
        nanoseconds = 0;
        var rest = text.Trim().AsSpan();
        if (rest.IsEmpty) return false;
        if (ulong.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var bare))
        {
            nanoseconds = bare;
            return true;
        }
        ulong total = 0;
        while (!rest.IsEmpty)
        {
            var digits = 0;
            while (digits < rest.Length && char.IsAsciiDigit(rest[digits])) digits++;
            var letters = digits;
            while (letters < rest.Length && char.IsAsciiLetterLower(rest[letters])) letters++;
            if (digits == 0 || letters == digits) return false;
            if (!ulong.TryParse(rest[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var count)) return false;
            var unit = rest[digits..letters];
            var scale = 0UL;
            foreach (var (suffix, ns) in Units)
                if (unit.SequenceEqual(suffix)) scale = ns;
            if (scale == 0 || count > ulong.MaxValue / scale || count * scale > ulong.MaxValue - total) return false;
            total += count * scale;
            rest = rest[letters..];
        }
        nanoseconds = total;
        return true;
    }

    /// <summary>The largest unit up to seconds that represents the value exactly, so Format and TryParse round-trip.</summary>
    public static string Format(ulong nanoseconds)
    {
        if (nanoseconds == 0) return "0s";
        foreach (var (suffix, scale) in FormatUnits.Reverse())
            if (nanoseconds % scale == 0) return $"{nanoseconds / scale}{suffix}";
        return $"{nanoseconds}ns";
    }
}

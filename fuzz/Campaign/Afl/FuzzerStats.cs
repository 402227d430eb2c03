using System.Globalization;

namespace ConformanceKit.Fuzz.Afl;

/// <summary>
/// An instance's fuzzer_stats file ("key : value" lines, rewritten by afl-fuzz every few seconds).
/// Both AFL++ 4 names and the older ones are read (corpus_count/paths_total, saved_crashes/unique_crashes,
/// last_find/last_path), so the parser outlives a Debian upgrade.
/// </summary>
public sealed record FuzzerStats(string Instance, long Execs, double ExecsPerSecond, long Paths, long Crashes, long Hangs,
    DateTimeOffset? LastFind, string Stability, DateTimeOffset? Start)
{
    public static FuzzerStats? Read(string instanceDirectory)
    {
        var path = Path.Combine(instanceDirectory, "fuzzer_stats");
        if (!File.Exists(path)) return null;
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (IOException)
        {
            return null; // being rewritten; the next poll reads it
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0) values[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        long Long(params string[] keys)
        {
            foreach (var key in keys)
                if (values.TryGetValue(key, out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
            return 0;
        }
        DateTimeOffset? Time(params string[] keys)
        {
            var seconds = Long(keys);
            return seconds > 0 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
        }
        var rate = values.TryGetValue("execs_per_sec", out var r) && double.TryParse(r, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0;
        return new FuzzerStats(Path.GetFileName(instanceDirectory), Long("execs_done"), rate, Long("corpus_count", "paths_total"),
            Long("saved_crashes", "unique_crashes"), Long("saved_hangs", "unique_hangs"), Time("last_find", "last_path"),
            values.GetValueOrDefault("stability", "-"), Time("start_time"));
    }
}

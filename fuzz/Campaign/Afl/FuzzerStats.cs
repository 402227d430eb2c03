using System.Globalization;

namespace ConformanceKit.Fuzz.Afl;

/// <summary>
/// What an afl-fuzz instance has done so far. afl-fuzz 4.04c rewrites fuzzer_stats (and plot_data) only
/// about once a minute while it runs, so for a live view the counters come from what changes at once:
/// the executions the target itself counts (<see cref="StatusFileName"/>, written by the target about
/// every second) and the files afl-fuzz saves in queue/, crashes/ and hangs/. fuzzer_stats supplies the
/// rest (start time, stability) and, once afl-fuzz has exited, its final figures. Both AFL++ 4 names and
/// the older ones are read (corpus_count/paths_total, saved_crashes/unique_crashes, last_find/last_path).
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
        var stats = new FuzzerStats(Path.GetFileName(instanceDirectory), Long("execs_done"), rate, Long("corpus_count", "paths_total"),
            Long("saved_crashes", "unique_crashes"), Long("saved_hangs", "unique_hangs"), Time("last_find", "last_path"),
            values.GetValueOrDefault("stability", "-"), Time("start_time"));
        return WithLiveCounters(stats, instanceDirectory);
    }

    /// <summary>The file in an instance's folder where the target keeps its execution count.</summary>
    public const string StatusFileName = "conformancekit_execs";

    static FuzzerStats WithLiveCounters(FuzzerStats stats, string directory)
    {
        long Count(string folder) => Directory.Exists(Path.Combine(directory, folder))
            ? Directory.EnumerateFiles(Path.Combine(directory, folder), "id:*").LongCount()
            : 0;
        long execs = 0;
        var status = Path.Combine(directory, StatusFileName);
        if (File.Exists(status))
        {
            try
            {
                long.TryParse(File.ReadAllText(status).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out execs);
            }
            catch (IOException)
            {
            }
        }
        var live = stats with
        {
            Paths = Math.Max(stats.Paths, Count("queue")),
            Crashes = Math.Max(stats.Crashes, Count("crashes")),
            Hangs = Math.Max(stats.Hangs, Count("hangs")),
        };
        if (execs <= stats.Execs) return live; // fuzzer_stats is as new (written when afl-fuzz exits)
        // start_time has whole seconds: within the first one the elapsed time is a sliver of it, and a
        // rate over it meaningless (a campaign whose seeds all crashed showed "555,000/s" so).
        var seconds = stats.Start is { } start ? (DateTimeOffset.UtcNow - start).TotalSeconds : 0;
        return live with { Execs = execs, ExecsPerSecond = seconds >= 1 ? execs / seconds : stats.ExecsPerSecond };
    }
}

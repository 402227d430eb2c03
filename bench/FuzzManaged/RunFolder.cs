using System.Globalization;
using ConformanceKit.Contracts.Campaigns;
using ConformanceKit.Contracts.Findings;

namespace ConformanceKit.Fuzz.Bench;

/// <summary>
/// A run folder of bench/fuzz/*.sh (bench/fuzz/lib.sh writes it): meta.txt and settings.txt
/// ("key: value" lines), and per measurement NAME a campaign or afl-fuzz output folder NAME/,
/// NAME.load (load average before and after), NAME.seconds (wall time) and, for afl-fuzz started
/// directly, NAME.time (/usr/bin/time -v).
/// </summary>
public sealed class RunFolder(string path)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public IReadOnlyList<(string Key, string Value)> Meta => KeyValues(System.IO.Path.Combine(Path, "meta.txt"));

    public string MetaValue(string key) => Meta.FirstOrDefault(m => m.Key == key).Value ?? "-";

    /// <summary>The "## Machine" section of a report: meta.txt as it is, in a code block.</summary>
    public void AppendMachine(System.Text.StringBuilder text)
    {
        text.AppendLine("## Machine");
        text.AppendLine();
        text.AppendLine("```");
        foreach (var (key, value) in Meta) text.AppendLine($"{key}: {value}");
        text.AppendLine("```");
        text.AppendLine();
    }

    public int Setting(string key, int fallback) =>
        int.TryParse(KeyValues(System.IO.Path.Combine(Path, "settings.txt")).FirstOrDefault(s => s.Key == key).Value, out var value) ? value : fallback;

    public string Folder(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>"before → after" 1-minute load averages (all three are in NAME.load).</summary>
    public string Load(string name)
    {
        var values = KeyValues(System.IO.Path.Combine(Path, name + ".load")).ToDictionary(v => v.Key, v => v.Value.Split(' ')[0], StringComparer.Ordinal);
        return $"{values.GetValueOrDefault("before", "?")} → {values.GetValueOrDefault("after", "?")}";
    }

    public double? WallSeconds(string name) =>
        double.TryParse(ReadOrNull(System.IO.Path.Combine(Path, name + ".seconds"))?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s : null;

    /// <summary>The main afl-fuzz instance's folder: OUT/afl/main for a CLI campaign, OUT/main for afl-fuzz run directly.</summary>
    public string AflMain(string name)
    {
        var campaign = System.IO.Path.Combine(Folder(name), "afl", "main");
        return Directory.Exists(campaign) ? campaign : System.IO.Path.Combine(Folder(name), "main");
    }

    /// <summary>The main instance's fuzzer_stats as key → value.</summary>
    public IReadOnlyDictionary<string, string> AflStats(string name) =>
        KeyValues(System.IO.Path.Combine(AflMain(name), "fuzzer_stats")).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);

    /// <summary>Voluntary plus involuntary context switches of afl-fuzz and its target (NAME.time), if recorded.</summary>
    public long? ContextSwitches(string name)
    {
        var text = ReadOrNull(System.IO.Path.Combine(Path, name + ".time"));
        if (text is null) return null;
        long total = 0;
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.Trim();
            if (!trimmed.Contains("context switches:", StringComparison.Ordinal)) continue;
            if (long.TryParse(trimmed[(trimmed.LastIndexOf(':') + 1)..].Trim(), out var count)) total += count;
        }
        return total;
    }

    /// <summary>campaign.json's startedAt (the campaign's clock starts before the seeds are triaged).</summary>
    public DateTimeOffset? CampaignStart(string name) => CampaignFile.ReadIn(Folder(name))?.StartTime;

    /// <summary>The finding records of a CLI campaign (OUT/findings/*/finding.json).</summary>
    public IReadOnlyList<FindingFile> Findings(string name)
    {
        var folder = System.IO.Path.Combine(Folder(name), "findings");
        if (!Directory.Exists(folder)) return [];
        return Directory.GetDirectories(folder).Where(d => File.Exists(FindingFile.PathIn(d))).Select(FindingFile.ReadFrom).ToArray();
    }

    static string? ReadOrNull(string file) => File.Exists(file) ? File.ReadAllText(file) : null;

    static List<(string Key, string Value)> KeyValues(string file)
    {
        var pairs = new List<(string, string)>();
        foreach (var line in (ReadOrNull(file) ?? "").Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0) pairs.Add((line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }
        return pairs;
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using ConformanceKit.Contracts.Campaigns;
using ConformanceKit.Contracts.Findings;
using ConformanceKit.Reports.Export.Fuzz;

namespace ConformanceKit.Reports.Export.Charts;

/// <summary>
/// A fuzz campaign's progress over time, as afl-plot users know it: for every afl-fuzz instance
/// (OUT/afl/&lt;instance&gt;/plot_data: main, sec1, …) its paths (corpus count), exec/s and saved
/// crashes, and for the campaign its distinct findings (OUT/findings/*), four panels on one time axis.
/// <para>
/// The axis is time since the campaign started (campaign.json <c>startedAt</c>). plot_data's
/// <c>relative_time</c> counts from the instance's own start, which comes after the campaign's (seed
/// checks and triage run first), so each instance is shifted by its <c>fuzzer_stats</c>
/// <c>start_time</c> when that is plausible; older plot_data with <c>unix_time</c> is placed by the
/// clock directly. A finding is placed at its <c>firstSeen</c>, or at the time its finding.json was
/// written when it records none.
/// </para>
/// </summary>
public static partial class CampaignProgressChart
{
    public const string AttachmentName = "progress over time — paths, exec/s, crashes, findings (from plot_data)";
    public const string AflFolder = "afl";
    const string FindingsColor = "#c62828";

    /// <summary>
    /// What the campaign's result gets: the SVG (null when there is nothing to draw) and a line for its
    /// description; and what was drawn — the panels, in <see cref="Unit"/> seconds per x unit.
    /// </summary>
    public sealed record Outcome(string? Svg, string Note, IReadOnlyList<string> Instances, int Samples)
    {
        public IReadOnlyList<ChartPanel> Panels { get; init; } = [];
        public IReadOnlyList<ChartEvent> Events { get; init; } = [];
        public double Unit { get; init; } = 1;
    }

    /// <summary>
    /// Points per line at most: about one per pixel of the plot. AFL++ adds a plot_data row every few
    /// seconds, so a day's campaign has tens of thousands; more points would only make the SVG heavier.
    /// </summary>
    public const int MaxPointsPerSeries = 720;

    /// <summary>One plot_data, placed on the campaign's time axis.</summary>
    public sealed record InstanceProgress(string Name, PlotData Plot, double OffsetSeconds)
    {
        /// <summary>The values of the first of <paramref name="columns"/> each row has, in time order, evenly thinned to <see cref="MaxPointsPerSeries"/> (the last one kept).</summary>
        public IReadOnlyList<ChartPoint> Series(IEnumerable<string> columns, double unit)
        {
            var points = Plot.Rows.Select(r => (Time: (r.Time + OffsetSeconds) / unit, Value: r.Value(columns)))
                .Where(p => p.Value is not null).Select(p => new ChartPoint(p.Time, p.Value!.Value))
                .OrderBy(p => p.X).ToArray();
            if (points.Length <= MaxPointsPerSeries) return points;
            var step = (double)(points.Length - 1) / (MaxPointsPerSeries - 1);
            return Enumerable.Range(0, MaxPointsPerSeries).Select(i => points[(int)Math.Round(i * step)]).ToArray();
        }
    }

    /// <summary>
    /// The chart of the campaign in <paramref name="outDirectory"/>; <paramref name="findingTimes"/> are
    /// when each distinct finding was first seen (Unix ms). Never throws for a missing or odd plot_data.
    /// </summary>
    public static Outcome For(string outDirectory, CampaignFile campaign, long startMilliseconds, IReadOnlyList<long> findingTimes)
    {
        var instances = Instances(outDirectory, startMilliseconds / 1000.0, campaign.DurationSeconds);
        var withSamples = instances.Where(i => i.Plot.HasRows).ToArray();
        if (withSamples.Length == 0)
            return new Outcome(null, $"No progress chart: {Missing(instances)}.", [], 0);

        var findings = findingTimes.Select(t => (t - startMilliseconds) / 1000.0).Order().ToArray();
        var end = new[] { campaign.DurationSeconds }
            .Concat(withSamples.SelectMany(i => i.Plot.Rows.Select(r => r.Time + i.OffsetSeconds))).Concat(findings).Max();
        var (unit, unitName) = end <= 300 ? (1.0, "s") : end <= 300 * 60 ? (60.0, "min") : (3600.0, "h");

        var panels = new List<ChartPanel>
        {
            InstancePanel("paths (corpus count)", withSamples, PlotData.Paths, unit, v => AxisScale.Format(v)),
            InstancePanel("exec/s", withSamples, PlotData.ExecsPerSecond, unit, v => AxisScale.Format(v, 0.1), counts: false),
            InstancePanel("saved crashes (crashing inputs afl-fuzz kept)", withSamples, PlotData.SavedCrashes, unit, v => AxisScale.Format(v)),
            FindingsPanel(findings, end, unit),
        };
        var names = withSamples.Select(i => i.Name).ToArray();
        var samples = withSamples.Sum(i => i.Plot.Rows.Count);
        var subtitle = $"{campaign.Variant} build, {campaign.Transport} transport · {Count(names.Length, "AFL++ instance")} ({string.Join(", ", names)}), " +
                       $"{Count(samples, "plot_data sample")} · {Count(findings.Length, "distinct finding")}";
        // Findings before this line came from the campaign's own seed checks, not from afl-fuzz.
        var aflStart = withSamples.Where(i => i.Plot.RelativeTime).Select(i => i.OffsetSeconds).DefaultIfEmpty(0).Min();
        ChartEvent[] events = aflStart > 0 ? [new ChartEvent(aflStart / unit, "afl-fuzz started")] : [];
        var svg = SvgChart.StackedLines($"{campaign.Dext} fuzz campaign: progress over time", subtitle,
            $"time since the campaign started ({unitName})", end / unit, panels, events);
        var note = $"Progress over time is attached as the picture *{AttachmentName}*: paths, exec/s and saved crashes of " +
                   $"{string.Join(", ", names)} from AFL++'s plot_data ({Count(samples, "sample")}), and the distinct findings, against time since the campaign started.";
        return new Outcome(svg, note, names, samples) { Panels = panels, Events = events, Unit = unit };
    }

    /// <summary>The instance folders under OUT/afl/ (main first, then sec1, sec2, … in number order), each with its plot_data placed on the axis.</summary>
    public static IReadOnlyList<InstanceProgress> Instances(string outDirectory, double campaignStartSeconds, double durationSeconds)
    {
        var afl = Path.Combine(outDirectory, AflFolder);
        string[] folders;
        try
        {
            folders = Directory.Exists(afl) ? Directory.GetDirectories(afl) : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            folders = [];
        }
        return folders.Select(f => (Folder: f, Name: Path.GetFileName(f)))
            .Where(f => !f.Name.StartsWith('.'))
            .OrderBy(f => f.Name == "main" ? 0 : 1).ThenBy(f => NaturalKey(f.Name), StringComparer.Ordinal)
            .Select(f =>
            {
                var plot = PlotData.Read(Path.Combine(f.Folder, PlotData.FileName));
                return new InstanceProgress(f.Name, plot, Offset(plot, f.Folder, campaignStartSeconds, durationSeconds));
            })
            .ToArray();
    }

    /// <summary>Seconds to add to the instance's plot_data times to count from the campaign's start.</summary>
    static double Offset(PlotData plot, string folder, double campaignStart, double duration)
    {
        bool Plausible(double seconds) => seconds >= -60 && seconds <= Math.Max(0, duration) + 600;
        var instanceStart = StartTime(folder);
        if (plot.RelativeTime)
            return instanceStart is { } start && Plausible(start - campaignStart) ? start - campaignStart : 0;
        if (plot.HasRows && Plausible(plot.Rows[0].Time - campaignStart)) return -campaignStart;
        // The fuzzer's clock and the campaign's disagree: count from the instance's start, or its first sample.
        return -(instanceStart ?? (plot.HasRows ? plot.Rows[0].Time : 0));
    }

    /// <summary><c>start_time</c> of the instance's fuzzer_stats (Unix seconds), when it is there.</summary>
    static double? StartTime(string folder)
    {
        try
        {
            var stats = Path.Combine(folder, "fuzzer_stats");
            if (!File.Exists(stats)) return null;
            foreach (var line in File.ReadLines(stats))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && line[..colon].Trim() == "start_time"
                    && double.TryParse(line[(colon + 1)..].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
                    return seconds;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return null;
    }

    /// <summary>When the finding of a folder was first seen: its record's firstSeen, else when finding.json (or the folder) was written.</summary>
    public static long FirstSeen(string folder, FindingFile? finding)
    {
        if (finding?.FirstSeen is { } recorded) return recorded.ToUnixTimeMilliseconds();
        var record = Path.Combine(folder, FindingFiles.Finding);
        return Common.Times.FileTime(File.Exists(record) ? record : folder);
    }

    static ChartPanel InstancePanel(string title, IReadOnlyList<InstanceProgress> instances, string[] columns, double unit, Func<double, string> format, bool counts = true) =>
        new(title, instances.Select((instance, i) =>
        {
            var points = instance.Series(columns, unit);
            var legend = points.Count > 0 ? $"{instance.Name}: {format(points[^1].Y)}" : $"{instance.Name}: not in plot_data";
            return new ChartSeries(instance.Name, points, SvgChart.Palette[i % SvgChart.Palette.Count], Legend: legend);
        }).ToArray(), counts);

    /// <summary>The count of distinct findings as a staircase from the start to the end, a marker where each was found.</summary>
    static ChartPanel FindingsPanel(double[] findings, double end, double unit)
    {
        var start = Math.Min(0, findings.Length > 0 ? findings[0] : 0);
        var marks = findings.Select((t, i) => new ChartPoint(t / unit, i + 1)).ToArray();
        var points = new List<ChartPoint> { new(start / unit, 0) };
        points.AddRange(marks);
        points.Add(new ChartPoint(end / unit, findings.Length));
        return new ChartPanel("distinct findings (triaged, one per signature)",
            [new ChartSeries("findings", points, FindingsColor, Step: true, Legend: $"distinct findings: {findings.Length}", Marks: marks)]);
    }

    static string Missing(IReadOnlyList<InstanceProgress> instances) => instances.Count == 0
        ? $"the campaign folder has no AFL++ instance folder ({AflFolder}/<instance>/{PlotData.FileName})"
        : string.Join("; ", instances.Select(i => $"{AflFolder}/{i.Name}: {i.Plot.Problem ?? "no samples"}"));

    static string Count(int n, string what) => $"{n.ToString(CultureInfo.InvariantCulture)} {what}{(n == 1 ? "" : "s")}";

    /// <summary>"sec10" after "sec9": digit runs padded so ordinal order is number order.</summary>
    static string NaturalKey(string name) => Digits().Replace(name, m => m.Value.PadLeft(10, '0'));

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}

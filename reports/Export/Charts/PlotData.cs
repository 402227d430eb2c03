using System.Globalization;

namespace ConformanceKit.Reports.Export.Charts;

/// <summary>
/// An afl-fuzz instance's <c>plot_data</c> (OUT/afl/&lt;instance&gt;/plot_data), read by the names of its
/// header, not by position: the columns have changed between releases. AFL++ 4.x
/// (<c>src/afl-fuzz-init.c</c>, <c>setup_dirs_fds</c>; the rows in <c>src/afl-fuzz-stats.c</c>,
/// <c>maybe_update_plot_file</c>) writes
/// <code># relative_time, cycles_done, cur_item, corpus_count, pending_total, pending_favs, map_size, saved_crashes, saved_hangs, max_depth, execs_per_sec, total_execs, edges_found</code>
/// (later releases append total_crashes, servers_count); AFL++ 3.x and AFL wrote <c>unix_time</c> first
/// and the older names (<c>paths_total</c>, <c>unique_crashes</c>). Values are "n", "n.nn" or "n.nn%".
/// <para>
/// Nothing here throws: a line that is not a row of the header's shape (too few fields, a time that is
/// not a number — a write cut short by a killed fuzzer, say) is skipped and counted, a field that is not
/// a number is left out of its row, and a file that cannot be read is an empty plot with the reason.
/// </para>
/// </summary>
public sealed record PlotData(IReadOnlyList<string> Columns, bool RelativeTime, IReadOnlyList<PlotData.Row> Rows, int SkippedLines, string? Problem = null)
{
    public const string FileName = "plot_data";
    public const string RelativeTimeColumn = "relative_time";
    public const string UnixTimeColumn = "unix_time";

    /// <summary>The corpus ("paths" in afl-plot): AFL++ 4 name first, then AFL's.</summary>
    public static readonly string[] Paths = ["corpus_count", "paths_total"];
    public static readonly string[] ExecsPerSecond = ["execs_per_sec"];
    /// <summary>Crashing inputs afl-fuzz saved (not distinct findings: triage makes those).</summary>
    public static readonly string[] SavedCrashes = ["saved_crashes", "unique_crashes"];
    public static readonly string[] Edges = ["edges_found"];

    /// <summary>One sample: its time in seconds (relative to the instance's start, or Unix time) and the values that parsed.</summary>
    public sealed record Row(double Time, IReadOnlyDictionary<string, double> Values)
    {
        /// <summary>The first of <paramref name="names"/> this row has a value for.</summary>
        public double? Value(IEnumerable<string> names)
        {
            foreach (var name in names)
                if (Values.TryGetValue(name, out var value)) return value;
            return null;
        }
    }

    public static readonly PlotData Empty = new([], true, [], 0);

    public bool HasRows => Rows.Count > 0;

    /// <summary>Reads a plot_data file; a missing or unreadable file is an empty plot whose <see cref="Problem"/> says why.</summary>
    public static PlotData Read(string path)
    {
        try
        {
            return File.Exists(path) ? Parse(File.ReadAllText(path)) : Empty with { Problem = "no plot_data" };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Empty with { Problem = $"cannot read plot_data: {e.Message}" };
        }
    }

    public static PlotData Parse(string text)
    {
        string[]? columns = null;
        var timeColumn = -1;
        var relative = true;
        var rows = new List<Row>();
        var skipped = 0;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            if (line.StartsWith('#'))
            {
                // A header (a resumed campaign may append under a newer one); a comment without a time column is not one.
                var names = line.TrimStart('#').Split(',').Select(n => n.Trim()).ToArray();
                var time = Array.FindIndex(names, n => n is RelativeTimeColumn or UnixTimeColumn);
                if (time >= 0)
                {
                    columns = names;
                    timeColumn = time;
                    relative = names[time] == RelativeTimeColumn;
                }
                continue;
            }
            var fields = line.Split(',');
            if (columns is null || fields.Length < columns.Length || !TryNumber(fields[timeColumn], out var seconds))
            {
                skipped++;
                continue;
            }
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            for (var i = 0; i < columns.Length; i++)
                if (i != timeColumn && columns[i].Length > 0 && TryNumber(fields[i], out var value)) values[columns[i]] = value;
            rows.Add(new Row(seconds, values));
        }
        var problem = columns is null ? (skipped > 0 ? "plot_data has no header naming its columns" : "plot_data is empty")
            : rows.Count == 0 ? "plot_data has no samples yet" : null;
        return new PlotData(columns ?? [], relative, rows, skipped, problem);
    }

    static bool TryNumber(string field, out double value)
    {
        var text = field.Trim().TrimEnd('%');
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }
}

using System.Globalization;
using ConformanceKit.Contracts.Campaigns;
using ConformanceKit.Fuzz.Afl;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ConformanceKit.Fuzz.Status;

/// <summary>Triage's progress for the status: inputs triaged so far and inputs still queued.</summary>
public readonly record struct TriageProgress(int Triaged, int Queued)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"triaged {Triaged}/{Triaged + Queued}, queued {Queued}");
}

/// <summary>The live view of a campaign: one row per afl-fuzz instance, triage's progress and the distinct findings so far.</summary>
public static class CampaignStatus
{
    /// <param name="budget">the time budget (null: none, as for `conformancekit triage` without --time)</param>
    public static IRenderable Render(string dext, TimeSpan elapsed, TimeSpan? budget, IReadOnlyList<FuzzerStats> instances,
        IReadOnlyList<string> findings, TriageProgress triage, bool fuzzing = true, IReadOnlyList<KnownHit>? known = null)
    {
        var title = fuzzing
            ? $"[bold]fuzzing {Markup.Escape(dext)}[/] · {Seconds(elapsed)}{(budget is { } b ? " of " + Seconds(b) : "")}"
            : $"[bold]triaging {Markup.Escape(dext)}[/] · {Seconds(elapsed)}{(budget is { } t ? $" (budget {Seconds(t)})" : "")}";
        var table = new Table().Border(TableBorder.Rounded)
            .Title(title)
            .AddColumn("instance").AddColumn(new TableColumn("execs").RightAligned()).AddColumn(new TableColumn("exec/s").RightAligned())
            .AddColumn(new TableColumn("paths").RightAligned()).AddColumn(new TableColumn("crash inputs").RightAligned())
            .AddColumn("last new path").AddColumn("stability");
        foreach (var stats in instances)
            table.AddRow(stats.Instance, stats.Execs.ToString("N0", CultureInfo.InvariantCulture),
                stats.ExecsPerSecond.ToString("N0", CultureInfo.InvariantCulture), stats.Paths.ToString(CultureInfo.InvariantCulture),
                stats.Crashes.ToString(CultureInfo.InvariantCulture), Ago(stats.LastFind), Markup.Escape(stats.Stability));
        if (instances.Count == 0) table.AddRow(fuzzing ? "[grey]starting…[/]" : "[grey]—[/]", "", "", "", "", "", "");
        var lines = new List<IRenderable> { table };
        lines.Add(new Markup($"[grey]triage: {triage}[/]"));
        lines.Add(new Markup(findings.Count == 0
            ? "[grey]no finding yet[/]"
            : $"[bold]{findings.Count} distinct finding(s):[/] " + Markup.Escape(string.Join(", ", findings))));
        if (known is { Count: > 0 }) lines.Add(new Markup("[grey]" + Markup.Escape(KnownLine(known)) + "[/]"));
        return new Rows(lines);
    }

    /// <summary>One line for logs and non-interactive terminals.</summary>
    public static string Line(TimeSpan elapsed, IReadOnlyList<FuzzerStats> instances, int findings, TriageProgress triage, IReadOnlyList<KnownHit>? known = null) =>
        string.Create(CultureInfo.InvariantCulture,
            $"[{Seconds(elapsed)}] execs {instances.Sum(i => i.Execs):N0}, {instances.Sum(i => i.ExecsPerSecond):N0}/s, paths {(instances.Count > 0 ? instances.Max(i => i.Paths) : 0)}, crash inputs {instances.Sum(i => i.Crashes)}, findings {findings}, {triage}")
        + (known is { Count: > 0 } ? string.Create(CultureInfo.InvariantCulture, $", known findings hit {known.Count} ({known.Sum(k => k.Hits):N0} executions)") : "");

    /// <summary>"known findings hit: ..." — the known findings the fuzz targets ran into without crashing, with how often and each one's first input.</summary>
    public static string KnownLine(IReadOnlyList<KnownHit> known) =>
        known.Count == 0 ? "known findings hit: none" : "known findings hit: " + string.Join("; ", known);

    static string Seconds(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0}s");

    static string Ago(DateTimeOffset? time) =>
        time is { } t ? string.Create(CultureInfo.InvariantCulture, $"{(DateTimeOffset.UtcNow - t).TotalSeconds:0}s ago") : "-";
}

using ConformanceKit.Contracts.Check;
using ConformanceKit.Properties.Engine;
using ConformanceKit.Runner;
using ConformanceKit.Spec;
using Spectre.Console;

namespace ConformanceKit.Cli.Output;

/// <summary>The per-rule, per-selector table of `check`, and the findings under it.</summary>
public static class CheckTable
{
    public static void Render(IAnsiConsole console, CheckReport report, DispatchSpec spec)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"[bold]{Markup.Escape(report.Dext)}[/] · {report.Transport} · {report.Variant} · seed {report.Options.Seed} · {report.Duration.TotalSeconds:0.0} s")
            .AddColumn("Rule").AddColumn("Selector").AddColumn("Status").AddColumn(new TableColumn("Programs").RightAligned()).AddColumn(new TableColumn("Reached").RightAligned())
            .AddColumn(new TableColumn("Calls").RightAligned()).AddColumn("Finding / note");
        foreach (var row in report.Rows)
        {
            var known = row.Findings.Count > 0 && row.Findings.All(f => f.IsKnownIn(spec));
            var status = row.Status switch
            {
                RuleStatus.Held => "[green]held[/]",
                RuleStatus.Failed when known => "[yellow]FAILED (known)[/]",
                RuleStatus.Failed => "[red bold]FAILED[/]",
                RuleStatus.NotJudged when row.NotJudgedByDesign => "[grey]not judged[/]",
                RuleStatus.NotJudged => "[red bold]NOT JUDGED[/]",
                _ => "[grey]n/a[/]",
            };
            var note = row.Findings.Count > 0 ? string.Join("\n", row.Findings.Select(f => f.Violation.Kind)) : row.Reason ?? "";
            table.AddRow(
                Markup.Escape(row.Rule),
                Markup.Escape(row.Target.Selector is { } s ? $"{s.Selector} {s.Name}" : "—"),
                status,
                Count(row.Outcome?.ProgramsRun),
                Count(row.Outcome?.ProgramsReached),
                Count(row.Outcome?.CallsDelivered),
                Markup.Escape(note));
        }
        console.Write(table);
        console.MarkupLine("[grey]Programs: generated and run (shrinking included); Reached: programs the dext served a step of; Calls: calls that reached its ExternalMethod.[/]");
        var (judged, applicable) = report.JudgedRules;
        var byDesign = report.RuleSummary.Where(r => r.ByDesign).Select(r => $"{r.Rule} ({r.Reason})").ToArray();
        var judgedLine = $"{judged} of {applicable} rules judged" + (byDesign.Length > 0 ? $"; not judged on this transport: {string.Join(", ", byDesign)}" : "") + ".";
        var unjudged = report.NotJudgedUnexpectedly;
        if (unjudged.Count > 0)
            console.MarkupLine($"[red bold]{unjudged.Count} row(s) could not be judged[/]: {Markup.Escape(unjudged[0].Reason ?? "")}");
        var knownCount = report.Findings.Count(f => f.IsKnownIn(spec));
        console.MarkupLine(report.AllHeld
            ? $"[green]Every rule holds.[/] {Markup.Escape(judgedLine)}"
            : report.Findings.Count > 0
                ? $"[bold]{report.Findings.Count} finding(s)[/], {knownCount} of them known ({Markup.Escape(spec.Dext)}'s spec lists them as reference findings). {Markup.Escape(judgedLine)} Seed {report.Options.Seed} reproduces this run."
                : $"[bold]No finding, but not every rule was judged.[/] {Markup.Escape(judgedLine)}");
    }

    static string Count(long? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";

    public static void RenderFindings(IAnsiConsole console, IEnumerable<Finding> findings, DispatchSpec spec)
    {
        foreach (var finding in findings)
        {
            var known = finding.IsKnownIn(spec);
            // The title is the body's first line, not the panel's header, which Spectre cuts to the body's width.
            var body = new Rows(
                new Markup($"[bold]{Markup.Escape(finding.Title(spec.SelectorName))}{(known ? "  (known)" : "")}[/]"),
                new Markup($"[bold]expected[/] {Markup.Escape(finding.Violation.Expected)}"),
                new Markup($"[bold]observed[/] {Markup.Escape(finding.Violation.Observed)}"),
                new Text(""),
                new Text(ProgramTextWithoutHeader(finding, spec)));
            var panel = new Panel(body)
                .Header(known ? "known finding" : "finding")
                .BorderColor(known ? Color.Yellow : Color.Red);
            console.Write(panel);
            if (finding.SanitizerReport is { } report)
                console.WriteLine(string.Join('\n', report.Split('\n').Where(l => l.Contains("ERROR:", StringComparison.Ordinal) || l.TrimStart().StartsWith('#')).Take(6)));
        }
    }

    static string ProgramTextWithoutHeader(Finding finding, DispatchSpec spec) =>
        Programs.ProgramText.Format(finding.Program, spec.SelectorName).TrimEnd('\n');
}

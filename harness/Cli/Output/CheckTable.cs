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
            var findings = row.Outcome?.Findings ?? [];
            var known = findings.Count > 0 && findings.All(f => spec.IsKnown(f.Rule, f.Selector));
            var status = row.Status switch
            {
                RuleStatus.Held => "[green]held[/]",
                RuleStatus.Failed when known => "[yellow]FAILED (known)[/]",
                RuleStatus.Failed => "[red bold]FAILED[/]",
                _ => "[grey]n/a[/]",
            };
            var note = findings.Count > 0
                ? string.Join("\n", findings.Select(f => f.Violation.Kind))
                : row.Target.NotApplicableBecause ?? "";
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
        var knownCount = report.Findings.Count(f => spec.IsKnown(f.Rule, f.Selector));
        console.MarkupLine(report.AllHeld
            ? "[green]Every rule holds.[/]"
            : $"[bold]{report.Findings.Count} finding(s)[/], {knownCount} of them known ({Markup.Escape(spec.Dext)}'s spec lists them as reference findings). Seed {report.Options.Seed} reproduces this run.");
    }

    static string Count(long? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";

    public static void RenderFindings(IAnsiConsole console, IEnumerable<Finding> findings, DispatchSpec spec)
    {
        foreach (var finding in findings)
        {
            var known = spec.IsKnown(finding.Rule, finding.Selector);
            var body = new Rows(
                new Markup($"[bold]expected[/] {Markup.Escape(finding.Violation.Expected)}"),
                new Markup($"[bold]observed[/] {Markup.Escape(finding.Violation.Observed)}"),
                new Text(""),
                new Text(ProgramTextWithoutHeader(finding, spec)));
            var panel = new Panel(body)
                .Header(Markup.Escape($"{finding.Title(spec.SelectorName)}{(known ? "  (known)" : "")}"))
                .BorderColor(known ? Color.Yellow : Color.Red);
            console.Write(panel);
            if (finding.SanitizerReport is { } report)
                console.WriteLine(string.Join('\n', report.Split('\n').Where(l => l.Contains("ERROR:", StringComparison.Ordinal) || l.TrimStart().StartsWith('#')).Take(6)));
        }
    }

    static string ProgramTextWithoutHeader(Finding finding, DispatchSpec spec) =>
        Programs.ProgramText.Format(finding.Program, spec.SelectorName).TrimEnd('\n');
}

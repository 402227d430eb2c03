using System.Globalization;
using ConformanceKit.Fuzz;
using ConformanceKit.Runner;
using Spectre.Console;

namespace ConformanceKit.Cli.Output;

/// <summary>The end-of-campaign table (the `fuzz --json` document is <see cref="CampaignJson"/>).</summary>
public static class FuzzReport
{
    public static void Render(IAnsiConsole console, CampaignResult result, CampaignOptions options)
    {
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[bold]{Markup.Escape(result.Dext)}[/] · {result.Variant.Name()} · {result.Jobs} job(s) · {result.Elapsed.TotalSeconds:0} s · {result.Execs:N0} execs ({result.ExecsPerSecond:N0}/s) · {result.Paths} paths · {result.CrashInputs} crash input(s)"));
        if (result.Findings.Count == 0)
        {
            console.MarkupLine("[green]No finding.[/]");
        }
        else
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumn("rule").AddColumn("selector").AddColumn("known")
                .AddColumn(new TableColumn("hits").RightAligned()).AddColumn("finding folder");
            foreach (var (record, folder) in result.Findings)
                table.AddRow(record.Rule, record.Selector?.ToString(CultureInfo.InvariantCulture) ?? "—", record.Known ? "known" : "[red]new[/]",
                    record.Hits.ToString(CultureInfo.InvariantCulture), Markup.Escape(Path.GetRelativePath(Directory.GetCurrentDirectory(), folder)));
            console.Write(table);
        }
        if (result.Unreproduced > 0)
            console.MarkupLine($"[yellow]{result.Unreproduced} crash input(s) did not reproduce on the ASan build; kept in {Markup.Escape(options.TriageDirectory)}[/]");
        console.MarkupLine($"[grey]campaign: {Markup.Escape(ShellQuote.Posix(options.OutputDirectory))} (afl-whatsup {Markup.Escape(ShellQuote.Posix(options.AflDirectory))})[/]");
        if (result.Findings.Count > 0)
            console.MarkupLine($"[grey]replay a finding (each finding.json has its own command):[/] {Markup.Escape(result.Findings[0].Record.Replay)}");
    }
}

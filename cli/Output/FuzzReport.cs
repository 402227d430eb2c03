using System.Globalization;
using ConformanceKit.Fuzz;
using ConformanceKit.Runner;
using Spectre.Console;

namespace ConformanceKit.Cli.Output;

/// <summary>The end-of-campaign table (the `fuzz --json` document is <see cref="CampaignJson"/>), also shown by `triage`.</summary>
public static class FuzzReport
{
    public static void Render(IAnsiConsole console, CampaignResult result, CampaignOptions options)
    {
        var output = ShellQuote.Posix(options.OutputDirectory);
        if (!result.Started)
        {
            console.MarkupLine($"[yellow]interrupted before the campaign started (during the builds): nothing was run or written in {Markup.Escape(output)}[/]");
            return;
        }
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[bold]{Markup.Escape(result.Dext)}[/] · {result.Variant.Name()} · {result.Jobs} job(s) · {result.Elapsed.TotalSeconds:0} s · {result.Execs:N0} execs ({result.ExecsPerSecond:N0}/s) · {result.Paths} paths · {result.CrashInputs} crash input(s) · untriaged: {result.Untriaged}"));
        if (result.Findings.Count == 0)
        {
            console.MarkupLine(result.Untriaged == 0 ? "[green]No finding.[/]" : "[yellow]No finding triaged yet.[/]");
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
        if (result.KnownFindingsHit.Count > 0 || options.Spec.Known.Length > 0)
            console.MarkupLine("[grey]" + Markup.Escape(ConformanceKit.Fuzz.Status.CampaignStatus.KnownLine(result.KnownFindingsHit)) +
                (result.KnownFindingsHit.Count > 0 ? " (not crashes: afl-fuzz went on past them; each first input is triaged into its finding folder)" : "") + "[/]");
        if (result.Untriaged > 0)
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"[yellow]untriaged: {result.Untriaged} crash input(s) still queued in {Markup.Escape(options.InputsDirectory)} — each broke a rule; finish them with[/] conformancekit triage --out {Markup.Escape(output)} [yellow](or fuzz --resume)[/]"));
        if (result.Unreproduced > 0)
            console.MarkupLine($"[yellow]{result.Unreproduced} crash input(s) did not reproduce on the ASan build; kept in {Markup.Escape(options.TriageDirectory)}[/]");
        if (result.Interrupted)
            console.MarkupLine($"[yellow]interrupted: afl-fuzz and every dexthost of the campaign were stopped and campaign.json written; continue with[/] fuzz --resume --out {Markup.Escape(output)}");
        console.MarkupLine($"[grey]campaign: {Markup.Escape(output)} (afl-whatsup {Markup.Escape(ShellQuote.Posix(options.AflDirectory))})[/]");
        if (result.Findings.Count > 0)
            console.MarkupLine($"[grey]replay a finding (each finding.json has its own command):[/] {Markup.Escape(result.Findings[0].Record.Replay)}");
    }
}

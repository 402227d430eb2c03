using System.CommandLine;
using System.Globalization;
using ConformanceKit.Cli.Output;
using Spectre.Console;

namespace ConformanceKit.Cli.Commands;

/// <summary>
/// `conformancekit summary FILE... [--expect-known]`: one table over several check and fuzz results
/// (the main job's closing table). Exit 1 when any run has a finding its spec does not list as
/// known or a rule row that was not judged — or, with --expect-known, when a known finding did not
/// show up.
/// </summary>
public static class SummaryCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILES") { Description = "check --json and fuzz --json outputs", Arity = ArgumentArity.OneOrMore };
        var expectKnown = new Option<bool>("--expect-known")
        {
            Description = "Every finding a spec lists under 'known:' must show up (how the main job proves the suite still sees the sample's bugs)",
        };
        var command = new Command("summary", "Summarize check and fuzz results of several dexts in one table") { files, expectKnown };
        command.SetAction(parse =>
        {
            var runs = parse.GetValue(files)!.Select(RunSummary.Read).ToArray();
            var requireKnown = parse.GetValue(expectKnown);
            var table = new Table().Border(TableBorder.Rounded).Title("[bold]ConformanceKit summary[/]")
                .AddColumn("Dext").AddColumn("Run").AddColumn(new TableColumn("Rules held").RightAligned())
                .AddColumn(new TableColumn("Findings").RightAligned()).AddColumn("Findings by rule and selector").AddColumn("Verdict");
            var failed = false;
            foreach (var run in runs)
            {
                var unseen = requireKnown ? run.Unseen : [];
                failed |= run.New > 0 || unseen.Count > 0 || run.Unjudged.Count > 0;
                table.AddRow(Markup.Escape(run.Dext), Markup.Escape(run.Run), run.RulesHeld,
                    run.Findings.Count.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(string.Join("\n", run.Findings)), Verdict(run, unseen));
            }
            AnsiConsole.Write(table);
            return failed ? ExitCodes.Findings : ExitCodes.Ok;
        });
        return command;
    }

    static string Verdict(RunSummary run, IReadOnlyList<KnownJson> unseen)
    {
        var parts = new List<string>();
        if (run.New > 0) parts.Add($"[red bold]{run.New} new finding(s)[/]");
        if (unseen.Count > 0) parts.Add($"[red bold]known finding(s) not seen: {Markup.Escape(string.Join(", ", unseen))}[/]");
        if (run.Unjudged.Count > 0) parts.Add($"[red bold]{run.Unjudged.Count} row(s) not judged: {Markup.Escape(run.Unjudged[0])}[/]");
        if (parts.Count > 0) return string.Join("\n", parts);
        if (run.Findings.Count == 0) return "[green]no finding[/]";
        return run.KnownFindings.Count > 0 && run.Unseen.Count == 0 ? "[yellow]exactly its known findings[/]" : "[yellow]only known findings[/]";
    }
}

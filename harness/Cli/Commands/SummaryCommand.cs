using System.CommandLine;
using System.Text.Json;
using ConformanceKit.Cli.Output;
using ConformanceKit.Properties.Engine;
using Spectre.Console;

namespace ConformanceKit.Cli.Commands;

/// <summary>`conformancekit summary FILE...`: one table over several `check --json` results (the main job's closing table).</summary>
public static class SummaryCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILES") { Description = "check --json outputs", Arity = ArgumentArity.OneOrMore };
        var command = new Command("summary", "Summarize check results of several dexts in one table") { files };
        command.SetAction(parse =>
        {
            var table = new Table().Border(TableBorder.Rounded).Title("[bold]ConformanceKit summary[/]")
                .AddColumn("Dext").AddColumn("Transport").AddColumn(new TableColumn("Rules held").RightAligned())
                .AddColumn(new TableColumn("Findings").RightAligned()).AddColumn("Findings by rule and selector").AddColumn("Verdict");
            var anyNew = false;
            foreach (var path in parse.GetValue(files)!)
            {
                var json = JsonSerializer.Deserialize<CheckJson>(File.ReadAllText(path), Json.Options)
                    ?? throw new UsageException($"{path} is not a check result");
                var held = json.Rules.Count(r => r.Status == RuleStatus.Held);
                var applicable = json.Rules.Count(r => r.Status != RuleStatus.NotApplicable);
                var known = json.Findings.Count(f => f.Known);
                var fresh = json.Findings.Count - known;
                anyNew |= fresh > 0;
                var where = string.Join("\n", json.Findings.Select(f => $"{f.Rule} @ {(f.Selector is { } s ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) : "—")}{(f.Known ? " (known)" : "")}"));
                var verdict = json.Findings.Count == 0 ? "[green]every rule holds[/]"
                    : fresh == 0 ? "[yellow]only known findings[/]"
                    : $"[red bold]{fresh} new finding(s)[/]";
                table.AddRow(Markup.Escape(json.Dext), Markup.Escape($"{json.Transport}/{json.Variant}"), $"{held}/{applicable}",
                    json.Findings.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(where), verdict);
            }
            AnsiConsole.Write(table);
            return anyNew ? ExitCodes.Findings : ExitCodes.Ok;
        });
        return command;
    }
}

using System.CommandLine;
using ConformanceKit.Cli.Output;
using ConformanceKit.Properties.Engine;
using Spectre.Console;

namespace ConformanceKit.Cli.Commands;

/// <summary>`conformancekit check`: the conformance suite (properties/) against one dext.</summary>
public static class CheckCommand
{
    public static Command Create()
    {
        var target = new TargetOptions();
        var seed = new Option<int>("--seed") { Description = "Seed of the run, any integer (negative too); printed with every failure", DefaultValueFactory = _ => 1 };
        var cases = new Option<int>("--cases") { Description = "Random programs per property after its boundary sweep (at least 1)", DefaultValueFactory = _ => 100 };
        var json = new Option<string?>("--json") { Description = "Write the summary as JSON to this file" };
        var allowKnown = new Option<bool>("--allow-known") { Description = "Exit 0 when every finding is one the spec lists under 'known:'" };
        var rule = new Option<string[]>("--rule") { Description = "Only these rule ids (repeatable)", AllowMultipleArgumentsPerToken = true };
        var command = new Command("check", "Run the conformance properties against a dext and print a per-rule, per-selector table");
        target.AddTo(command);
        command.Options.Add(seed);
        command.Options.Add(cases);
        command.Options.Add(json);
        command.Options.Add(allowKnown);
        command.Options.Add(rule);
        command.SetAction(parse =>
        {
            // Every option is checked before the dext is built and the check runs: a bad one costs one line, not a run.
            var jsonPath = parse.GetValue(json) is { } jsonOption ? OutputPath.RequireWritableFile("--json", jsonOption) : null;
            var caseCount = parse.GetValue(cases);
            if (caseCount < 1) throw new UsageException($"--cases {caseCount}: expected at least 1");
            var rules = parse.GetValue(rule) ?? [];
            foreach (var id in rules)
                if (!Oracle.Rules.All.Contains(id)) throw new UsageException($"unknown rule '{id}' ({string.Join(", ", Oracle.Rules.All)})");
            target.Validate(parse);
            var console = AnsiConsole.Console;
            var options = new CheckOptions(parse.GetValue(seed), caseCount);
            using var session = target.Open(parse);
            CheckReport? report = null;
            console.Status().Start($"checking {session.Spec.Dext}", status =>
            {
                report = ConformanceCheck.Run(session.Spec, session.Transport, session.Variant, options,
                    (t, _) => status.Status($"checked {Markup.Escape(t.Rule)}{(t.Selector is { } s ? $" · {s.Selector} {Markup.Escape(s.Name)}" : "")}"),
                    rules.Length == 0 ? null : t => rules.Contains(t.Rule));
            });
            CheckTable.Render(console, report!, session.Spec);
            CheckTable.RenderFindings(console, report!.Findings, session.Spec);
            if (jsonPath is not null) Json.Write(jsonPath, CheckJson.From(report, session.Spec, session.Target));
            if (report.AllHeld) return ExitCodes.Ok;
            var onlyKnown = report.Findings.All(f => f.IsKnownIn(session.Spec));
            if (report.Findings.Count > 0 && !(parse.GetValue(allowKnown) && onlyKnown)) return ExitCodes.Findings;
            // No green without evidence: a rule whose programs never reached the dext proves nothing.
            if (report.NotJudgedUnexpectedly is [var first, ..] unjudged)
            {
                Console.Error.WriteLine($"conformancekit: error: {unjudged.Count} rule row(s) of {session.Spec.Dext} could not be judged: {first.Reason}");
                return ExitCodes.UsageOrSetup;
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}

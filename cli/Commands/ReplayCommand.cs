using System.CommandLine;
using ConformanceKit.Cli.Output;
using ConformanceKit.Programs;
using ConformanceKit.Runner;
using ConformanceKit.Transports;
using Spectre.Console;

namespace ConformanceKit.Cli.Commands;

/// <summary>`conformancekit replay FILE`: runs a reproducer once, step by step, and judges it.</summary>
public static class ReplayCommand
{
    public static Command Create()
    {
        var target = new TargetOptions();
        var file = new Argument<string>("FILE") { Description = "A reproducer (program text) or a finding folder holding reproducer.txt" };
        var json = new Option<string?>("--json") { Description = "Write the outcome as JSON to this file" };
        var command = new Command("replay", "Run a reproducer against a dext and show what each step returned") { file };
        target.AddTo(command);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            if (parse.GetValue(json) is { } jsonOption) OutputPath.RequireWritableFile("--json", jsonOption);
            target.Validate(parse);
            var reproducer = MinimizeCommand.ReadReproducer(parse.GetValue(file)!);
            using var session = ReproducerDext.Open(target, parse, reproducer, Console.Error);
            var runner = new ProgramRunner(session.Spec, session.Transport);
            var result = runner.Run(reproducer.Program);
            var findings = Finding.From(session.Spec.Dext, result).ToArray();
            Render(AnsiConsole.Console, result, session, reproducer, findings);
            if (parse.GetValue(json) is { } path)
            {
                Json.Write(path, new
                {
                    dext = session.Spec.Dext,
                    reproducer = reproducer.Path,
                    expectedSignature = reproducer.Signature,
                    reproduced = reproducer.Signature is null ? (bool?)null : findings.Any(f => f.Signature == reproducer.Signature),
                    findings = findings.Select(f => FindingJson.From(f, session.Spec, session.Target.Sources,
                        ReplayCommandLine.For(reproducer.Path, session.Target.Directory, session.Spec.SourcePath, session.Transport.Kind.Name(), session.Variant))).ToArray(),
                });
            }
            return findings.Length == 0 ? ExitCodes.Ok : ExitCodes.Findings;
        });
        return command;
    }

    static void Render(IAnsiConsole console, RunResult result, Session session, ReproducerFile reproducer, Finding[] findings)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumn("#").AddColumn("Step").AddColumn("Returned");
        for (var k = 0; k < reproducer.Program.Count; k++)
        {
            var observed = k < result.Observations.Count ? result.Observations[k] : result.Crash?.StepIndex == k ? "[crashed]" : "(not reached)";
            var step = ProgramText.FormatStep(reproducer.Program.Steps[k]);
            table.AddRow((k + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(step), Markup.Escape(observed));
        }
        console.Write(table);
        CheckTable.RenderFindings(console, findings, session.Spec);
        if (reproducer.Signature is { } expected)
        {
            console.MarkupLine(findings.Any(f => f.Signature == expected)
                ? $"[green]reproduced[/] {Markup.Escape(expected)}"
                : $"[red]not reproduced[/] {Markup.Escape(expected)}");
        }
        else if (findings.Length == 0)
        {
            console.MarkupLine("[green]Every rule holds for this program.[/]");
        }
    }
}

using System.CommandLine;
using ConformanceKit.Programs;
using ConformanceKit.Runner;
using Spectre.Console;

namespace ConformanceKit.Cli.Commands;

/// <summary>`conformancekit minimize FILE`: shrinks a failing reproducer to the smallest program that fails the same way.</summary>
public static class MinimizeCommand
{
    public static Command Create()
    {
        var target = new TargetOptions();
        var file = new Argument<string>("FILE") { Description = "A failing reproducer or finding folder" };
        var output = new Option<string?>("--out") { Description = "Write the minimal reproducer here (default: print it)" };
        var command = new Command("minimize", "Shrink a failing program (calls and sizes) while it keeps failing with the same signature") { file };
        target.AddTo(command);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var reproducer = ReproducerFile.Read(parse.GetValue(file)!);
            using var session = ReplayCommand.DefaultToReproducersDext(target, parse, reproducer);
            var runner = new ProgramRunner(session.Spec, session.Transport, new RunnerOptions(RecordObservations: false));
            var findings = Finding.From(session.Spec.Dext, runner.Run(reproducer.Program)).ToArray();
            var signature = reproducer.Signature ?? findings.FirstOrDefault()?.Signature;
            if (signature is null || findings.All(f => f.Signature != signature))
            {
                AnsiConsole.MarkupLine(signature is null ? "[yellow]The program does not fail: nothing to minimize.[/]" : $"[yellow]The program no longer fails with {Markup.Escape(signature)}.[/]");
                return ExitCodes.Ok;
            }
            var finding = FindingShrinker.Shrink(runner, reproducer.Program, signature)
                ?? throw new UsageException($"{signature} stopped reproducing while shrinking: the dext is not deterministic");
            var text = finding.Reproducer(session.Spec.SelectorName);
            if (parse.GetValue(output) is { } path) File.WriteAllText(path, text);
            else Console.Write(text);
            AnsiConsole.MarkupLine($"[green]{reproducer.Program.Count} steps → {finding.Program.Count}[/] for {Markup.Escape(signature)}");
            return ExitCodes.Findings;
        });
        return command;
    }
}

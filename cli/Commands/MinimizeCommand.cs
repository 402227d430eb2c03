using System.CommandLine;
using ConformanceKit.Cli.Output;
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
        var json = new Option<string?>("--json") { Description = "Write the outcome as JSON to this file (steps before and after, programs run while shrinking)" };
        var command = new Command("minimize", "Shrink a failing program (calls and sizes) while it keeps failing with the same signature") { file };
        target.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var outPath = parse.GetValue(output) is { } outOption ? OutputPath.RequireWritableFile("--out", outOption) : null;
            var jsonPath = parse.GetValue(json) is { } jsonOption ? OutputPath.RequireWritableFile("--json", jsonOption) : null;
            target.Validate(parse);
            var reproducer = ReadReproducer(parse.GetValue(file)!);
            using var session = ReproducerDext.Open(target, parse, reproducer, Console.Error);
            var runner = new ProgramRunner(session.Spec, session.Transport, new RunnerOptions(RecordObservations: false));
            var findings = Finding.From(session.Spec.Dext, runner.Run(reproducer.Program)).ToArray();
            var signature = reproducer.Signature ?? findings.FirstOrDefault()?.Signature;
            if (signature is null || findings.All(f => f.Signature != signature))
            {
                AnsiConsole.MarkupLine(signature is null ? "[yellow]The program does not fail: nothing to minimize.[/]" : $"[yellow]The program no longer fails with {Markup.Escape(signature)}.[/]");
                return ExitCodes.Ok;
            }
            var (shrunk, attempts) = FindingShrinker.ShrinkCounting(runner, reproducer.Program, signature);
            var finding = shrunk ?? throw new UsageException($"{signature} stopped reproducing while shrinking: the dext is not deterministic");
            var text = finding.Reproducer(session.Spec.SelectorName, session.Target.Sources);
            if (outPath is not null) OutputPath.WriteText(outPath, text);
            else Console.Write(text);
            if (jsonPath is not null)
            {
                Json.Write(jsonPath, new
                {
                    dext = session.Spec.Dext,
                    reproducer = reproducer.Path,
                    signature,
                    stepsBefore = reproducer.Program.Count,
                    stepsAfter = finding.Program.Count,
                    attempts,
                    minimal = text,
                });
            }
            AnsiConsole.MarkupLine($"[green]{reproducer.Program.Count} steps → {finding.Program.Count}[/] for {Markup.Escape(signature)} ({attempts} programs run while shrinking)");
            return ExitCodes.Findings;
        });
        return command;
    }

    /// <summary>
    /// The FILE argument of replay and minimize, checked before anything runs: it exists, is UTF-8
    /// program text of a sane size, and has steps; every problem is one line, FILE:LINE for the text.
    /// </summary>
    /// <exception cref="UsageException">no reproducer there.</exception>
    /// <exception cref="ProgramFormatException">the file is not a program, naming its line.</exception>
    internal static ReproducerFile ReadReproducer(string argument)
    {
        if (string.IsNullOrWhiteSpace(argument)) throw new UsageException("FILE: an empty path; give a reproducer or a finding folder");
        var file = Directory.Exists(argument) ? Path.Combine(argument, ReproducerFile.FileName) : argument;
        if (!File.Exists(file))
            throw new UsageException(Directory.Exists(argument) ? $"no reproducer at {file} (is {argument} a finding folder?)" : $"no reproducer at {file}");
        var reproducer = ReproducerFile.Read(argument);
        if (reproducer.Program.Count == 0) throw new ProgramFormatException(file, 0, "no steps: a reproducer has at least one (open c0, call c0 ...)");
        return reproducer;
    }
}

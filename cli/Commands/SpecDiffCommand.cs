using System.CommandLine;
using ConformanceKit.Spec.Draft;
using ConformanceKit.Targets;

namespace ConformanceKit.Cli.Commands;

/// <summary>
/// `conformancekit spec diff --dext DIR [--spec FILE]`: every difference between the spec and what the dext
/// does (<see cref="SpecDrift"/>), one line each. Exit 0 when there is none, 1 when there is one, 2 on bad input.
/// </summary>
public static class SpecDiffCommand
{
    public static Command Create()
    {
        var target = new TargetOptions();
        var command = new Command("diff", "Compare a spec with the dext's dispatch entries, access policy, out-of-range result and async protocol (exit 1 on a difference)");
        target.AddTo(command);
        command.SetAction(parse =>
        {
            target.Validate(parse);
            var dextDir = parse.GetValue(target.Dext) ?? throw new UsageException("spec diff: give the dext folder with --dext");
            var dext = DextTarget.Resolve(dextDir, parse.GetValue(target.Spec));
            var spec = dext.LoadSpec();
            var (survey, observed) = SurveyTarget.Survey(target, parse, dext, spec, observeAsync: true);
            var async = observed.Async;
            var differences = SpecDrift.Compare(spec, survey, async);
            foreach (var difference in differences) Console.WriteLine($"{spec.SourcePath}: {difference}");
            if (differences.IsEmpty) Console.WriteLine($"{spec.SourcePath}: the spec agrees with what {spec.Dext} does");
            return differences.IsEmpty ? ExitCodes.Ok : ExitCodes.Findings;
        });
        return command;
    }
}

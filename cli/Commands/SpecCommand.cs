using System.CommandLine;

namespace ConformanceKit.Cli.Commands;

/// <summary>`conformancekit spec init|diff`: a spec drafted from the dext itself, and a spec's drift from it.</summary>
public static class SpecCommand
{
    public static Command Create()
    {
        var command = new Command("spec", "Draft a dext's spec from what it does (init), or compare a spec with it (diff)");
        command.Subcommands.Add(SpecInitCommand.Create());
        command.Subcommands.Add(SpecDiffCommand.Create());
        return command;
    }
}

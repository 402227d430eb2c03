using System.CommandLine;
using ConformanceKit.Cli.Commands;
using ConformanceKit.Cli.Output;

namespace ConformanceKit.Cli;

/// <summary>The `conformancekit` command line.</summary>
public static class Cli
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("""
            ConformanceKit: conformance and fuzz testing of DriverKit extensions' user clients.

            Exit codes: 0 every rule holds, 1 findings, 2 usage or setup error (check: also when a rule
            could not be judged because none of its programs reached the dext).
            """);
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(ReplayCommand.Create());
        root.Subcommands.Add(MinimizeCommand.Create());
        root.Subcommands.Add(FuzzCommand.Create());
        root.Subcommands.Add(SummaryCommand.Create());

        Terminal.Configure();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            var message = string.Join(' ', parse.Errors[0].Message.Split(['\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            Console.Error.WriteLine($"conformancekit: error: {message}");
            Console.Error.WriteLine("Run 'conformancekit --help' for usage.");
            return ExitCodes.UsageOrSetup;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (UserError.Is(e))
        {
            return UserError.Report(e);
        }
    }
}

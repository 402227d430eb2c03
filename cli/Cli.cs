using System.CommandLine;
using ConformanceKit.Cli.Commands;
using ConformanceKit.Cli.Output;
using ConformanceKit.Transports.MacOS;

namespace ConformanceKit.Cli;

/// <summary>The `conformancekit` command line.</summary>
public static class Cli
{
    /// <summary>Global (every command takes it): the stack trace of an unexpected error, for a bug report.</summary>
    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "On an unexpected error (a bug of conformancekit), print its stack trace too",
        Recursive = true,
    };

    /// <summary>
    /// Every way out is an exit code and, on an error, exactly one line on stderr: parse errors,
    /// the user's errors (<see cref="UserError.Is"/>) and, as a bug, any other exception.
    /// </summary>
    public static int Main(string[] args)
    {
        var verbose = args.Contains(Verbose.Name);
        IOKitTransports.Register();
        try
        {
            var root = new RootCommand("""
                ConformanceKit: conformance and fuzz testing of DriverKit extensions' user clients.

                Exit codes: 0 every rule holds, 1 findings, 2 usage or setup error (check: also when a rule
                could not be judged because none of its programs reached the dext).
                """);
            root.Options.Add(Verbose);
            root.Subcommands.Add(CheckCommand.Create());
            root.Subcommands.Add(ReplayCommand.Create());
            root.Subcommands.Add(MinimizeCommand.Create());
            root.Subcommands.Add(FuzzCommand.Create());
            root.Subcommands.Add(TriageCommand.Create());
            root.Subcommands.Add(SummaryCommand.Create());
            root.Subcommands.Add(SpecCommand.Create());
            root.Subcommands.Add(DextPlanCommand.Create());

            Terminal.Configure();
            var parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                // An unknown word says more than what it left missing ("Required command was not provided").
                var error = parse.Errors.FirstOrDefault(e => parse.UnmatchedTokens.Any(t => e.Message.Contains($"'{t}'", StringComparison.Ordinal))) ?? parse.Errors[0];
                var message = string.Join(' ', error.Message.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                var command = parse.CommandResult.Command is RootCommand ? "" : $" {parse.CommandResult.Command.Name}";
                Console.Error.WriteLine($"conformancekit: error: {message} (see 'conformancekit{command} --help')");
                return ExitCodes.UsageOrSetup;
            }
            verbose = parse.GetValue(Verbose);
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (UserError.Is(e))
        {
            return UserError.Report(e);
        }
        catch (Exception e)
        {
            return UserError.ReportBug(e, verbose);
        }
    }
}

using ConformanceKit.Contracts;
using ConformanceKit.Fuzz;
using ConformanceKit.Programs;
using ConformanceKit.Spec;
using ConformanceKit.Targets;
using ConformanceKit.Transports;

namespace ConformanceKit.Cli;

/// <summary>
/// How an error reaches the user: one line on stderr and exit 2. Exceptions that are the user's
/// problem to fix show their message; any other exception is a bug of the CLI, shown as one line
/// too (its stack only under --verbose) — never .NET's "Unhandled exception" and a stack trace.
/// </summary>
public static class UserError
{
    public static bool Is(Exception e) =>
        e is SpecException or TargetException or TransportSetupException or ProgramFormatException or UsageException or FuzzSetupException or ContractException or Spec.Draft.SurveyException
            or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException;

    public static int Report(Exception e)
    {
        Console.Error.WriteLine($"conformancekit: error: {FirstLine(e)}");
        return ExitCodes.UsageOrSetup;
    }

    /// <summary>An exception nobody expected: one line saying so, and with <paramref name="verbose"/> the whole exception after it.</summary>
    public static int ReportBug(Exception e, bool verbose)
    {
        Console.Error.WriteLine($"conformancekit: error: {FirstLine(e)} (this is a bug; rerun with --verbose for the stack)");
        if (verbose) Console.Error.WriteLine(e.ToString());
        return ExitCodes.UsageOrSetup;
    }

    static string FirstLine(Exception e)
    {
        var line = e.Message.Split('\n')[0].TrimEnd('\r').Trim();
        return line.Length > 0 ? line : e.GetType().Name;
    }
}

/// <summary>A combination of options that does not make sense.</summary>
public sealed class UsageException(string message) : Exception(message);

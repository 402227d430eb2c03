using ConformanceKit.Fuzz;
using ConformanceKit.Programs;
using ConformanceKit.Spec;
using ConformanceKit.Targets;
using ConformanceKit.Transports;

namespace ConformanceKit.Cli;

/// <summary>Which exceptions are the user's problem to fix (exit 2 with their one-line message).</summary>
public static class UserError
{
    public static bool Is(Exception e) =>
        e is SpecException or TargetException or TransportSetupException or ProgramFormatException or UsageException or FuzzSetupException
            or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException;

    public static int Report(Exception e)
    {
        var message = e.Message.Split('\n')[0];
        Console.Error.WriteLine($"conformancekit: error: {message}");
        return ExitCodes.UsageOrSetup;
    }
}

/// <summary>A combination of options that does not make sense.</summary>
public sealed class UsageException(string message) : Exception(message);

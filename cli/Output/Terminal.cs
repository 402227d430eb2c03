using Spectre.Console;

namespace ConformanceKit.Cli.Output;

/// <summary>
/// Where the CLI's tables go. Spectre.Console assumes 80 columns when stdout is not a terminal, which
/// cut rule names and signatures mid-word in CI logs and under `| tee`; a log has no width, so there
/// the layout is unwrapped (each table as wide as its content). A terminal keeps its own width.
/// </summary>
public static class Terminal
{
    /// <summary>Wide enough that no table the CLI prints wraps; tables never stretch to it (Expand is off).</summary>
    public const int UnwrappedWidth = 1000;

    public static void Configure()
    {
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = UnwrappedWidth;
    }
}

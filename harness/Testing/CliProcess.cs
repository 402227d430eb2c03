using System.Diagnostics;
using ConformanceKit.Targets;

namespace ConformanceKit.Testing;

/// <summary>
/// Runs the `conformancekit` command line as its own process, the way run.sh and CI do: a test
/// project that uses it references harness/Cli, so conformancekit.dll sits next to the test assembly. A separate
/// process (rather than calling Cli.Main) is what makes the exit code, the argument parsing and the
/// --json file the real contract and not an in-process approximation of it.
/// </summary>
public static class CliProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
    }

    /// <summary>Generous: a check of the hardened dext takes a few seconds; a hang must still fail the test, not the run.</summary>
    static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static Result Run(params string[] arguments) => Run(Timeout, arguments);

    public static Result Run(TimeSpan timeout, params string[] arguments)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "conformancekit.dll");
        if (!File.Exists(cli)) throw new FileNotFoundException("the CLI is not next to the tests (ProjectReference to harness/Cli missing?)", cli);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(cli);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // The same checkout the tests use: its build script and build/dexts cache.
        start.Environment[RepositoryLayout.HomeVariable] = RepositoryLayout.Root;
        // Plain text in the captured output, whatever terminal the test run itself has.
        start.Environment["NO_COLOR"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start dotnet");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"conformancekit {string.Join(' ', arguments)} did not finish within {timeout}");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}

using System.Diagnostics;
using ConformanceKit.Targets;

namespace ConformanceKit.Testing;

/// <summary>
/// Runs the `conformancekit` command line as its own process, the way run.sh and CI do: a test
/// project that uses it references cli/, so conformancekit.dll sits next to the test assembly. A separate
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
        if (!File.Exists(cli)) throw new FileNotFoundException("the CLI is not next to the tests (ProjectReference to cli/ missing?)", cli);
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

    /// <summary>
    /// A CLI process started by <see cref="Start"/>, for tests that signal it or run something beside it.
    /// Its output is read as it comes (it never blocks on a full pipe); disposing it kills it if it still runs.
    /// </summary>
    public sealed class Running : IDisposable
    {
        readonly Process _process;
        readonly System.Text.StringBuilder _stdout = new();
        readonly System.Text.StringBuilder _stderr = new();
        readonly string _command;

        internal Running(Process process, string command)
        {
            _process = process;
            _command = command;
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_stdout) _stdout.Append(e.Data).Append('\n'); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.Append(e.Data).Append('\n'); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        /// <summary>The CLI's process id (`dotnet conformancekit.dll` runs the CLI in the process it starts).</summary>
        public int Id => _process.Id;

        public bool HasExited => _process.HasExited;

        /// <summary>What it wrote to stdout so far.</summary>
        public string Stdout
        {
            get { lock (_stdout) return _stdout.ToString(); }
        }

        /// <summary>Waits for the exit (killing it and throwing after <paramref name="timeout"/>) and returns the whole output.</summary>
        public Result WaitForExit(TimeSpan timeout)
        {
            if (!_process.WaitForExit(timeout))
            {
                _process.Kill(entireProcessTree: true);
                throw new TimeoutException($"conformancekit {_command} did not finish within {timeout}");
            }
            _process.WaitForExit(); // the end of the output, too
            string stdout, stderr;
            lock (_stdout) stdout = _stdout.ToString();
            lock (_stderr) stderr = _stderr.ToString();
            return new Result(_process.ExitCode, stdout, stderr);
        }

        public void Dispose()
        {
            try
            {
                if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Gone meanwhile.
            }
            _process.Dispose();
        }
    }

    /// <summary>
    /// Starts the CLI and returns at once, like <see cref="Run(TimeSpan, string[])"/> otherwise (same
    /// checkout, plain text). <paramref name="workingDirectory"/>: where it runs (null: the test's own
    /// folder) — every process it starts inherits it, which lets a test find them.
    /// </summary>
    public static Running Start(string? workingDirectory, params string[] arguments)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "conformancekit.dll");
        if (!File.Exists(cli)) throw new FileNotFoundException("the CLI is not next to the tests (ProjectReference to cli/ missing?)", cli);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        start.ArgumentList.Add(cli);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment[RepositoryLayout.HomeVariable] = RepositoryLayout.Root;
        start.Environment["NO_COLOR"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start dotnet");
        process.StandardInput.Close();
        return new Running(process, string.Join(' ', arguments));
    }
}

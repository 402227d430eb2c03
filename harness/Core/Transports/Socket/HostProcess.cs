using System.Diagnostics;
using ConformanceKit.Targets;

namespace ConformanceKit.Transports.Socket;

/// <summary>
/// One running dexthost: started with --private-dir --once, its socket path read from the first line of
/// stdout, its stderr kept (bounded) for the crash report. --once makes the host exit when the harness's
/// connection closes, so a harness that dies without cleaning up leaves no host behind.
/// </summary>
internal sealed class HostProcess : IDisposable
{
    static readonly TimeSpan StreamEndWait = TimeSpan.FromSeconds(5);
    static readonly TimeSpan KillWait = TimeSpan.FromSeconds(10);

    readonly Process _process;
    readonly StderrTail _stderr;

    HostProcess(Process process, StderrTail stderr, string socketPath)
    {
        _process = process;
        _stderr = stderr;
        SocketPath = socketPath;
    }

    public string SocketPath { get; }

    public int Id => _process.Id;

    /// <summary>What the host wrote to stderr (the last 256 KiB); complete once it has exited.</summary>
    public string Stderr => _stderr.Text();

    /// <exception cref="TransportSetupException">the host is missing, does not start or exits before serving.</exception>
    public static HostProcess Start(string hostPath, TimeSpan startupTimeout)
    {
        if (!File.Exists(hostPath))
            throw new TransportSetupException($"dexthost not found: {hostPath} (build the dext with dext/build-dext.sh)");
        var start = new ProcessStartInfo(hostPath)
        {
            UseShellExecute = false,
            RedirectStandardInput = true, // the host must not read the harness's terminal
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("--private-dir");
        start.ArgumentList.Add("--once");
        HostEnvironment.Apply(start);

        // The dext's outputs must not be rebuilt while the host loads them (another runner's build of the same dext).
        using var loading = BuildOutputLock.ForLoading(hostPath);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new TransportSetupException($"cannot start {hostPath}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new TransportSetupException($"cannot start {hostPath}: {e.Message}", e);
        }
        var stderr = new StderrTail(process.StandardError.BaseStream);
        var firstLine = process.StandardOutput.ReadLineAsync();
        if (!WaitForStartup(firstLine, process.Id, startupTimeout))
        {
            Kill(process);
            throw new TransportSetupException($"{hostPath} printed no socket path within {startupTimeout.TotalSeconds:0} s of its own run time{LastLine(stderr)}");
        }
        if (string.IsNullOrEmpty(firstLine.Result))
        {
            process.WaitForExit(KillWait);
            stderr.WaitForEnd(StreamEndWait);
            var status = process.HasExited ? $"exited with {process.ExitCode}" : "closed its stdout";
            Kill(process);
            throw new TransportSetupException($"{hostPath} {status} before serving{LastLine(stderr)}");
        }
        // Nothing after the first line is meant for us, but an unread pipe would block the host.
        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        return new HostProcess(process, stderr, firstLine.Result);
    }

    /// <summary>
    /// Waits for the host's first line, charging the wait with the host's own run time as a call is
    /// (<see cref="HostRunTime"/>): a host that loads slowly because the machine is busy is not one
    /// that does not start. The wall-clock backstop is the same as a call's.
    /// </summary>
    static bool WaitForStartup(Task<string?> firstLine, int processId, TimeSpan timeout)
    {
        var runTime = HostRunTime.Start(processId);
        var wall = Stopwatch.StartNew();
        var charged = TimeSpan.Zero;
        while (charged < timeout && wall.Elapsed < timeout * HostSession.WallClockBackstopFactor)
        {
            var slice = Stopwatch.StartNew();
            if (firstLine.Wait(HostSession.WaitSlice)) return true;
            charged = runTime.Charge(slice.Elapsed);
        }
        return firstLine.IsCompleted;
    }

    /// <summary>Waits for the exit and for the end of stderr; false when the host is still running.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout)) return false;
        _stderr.WaitForEnd(StreamEndWait);
        return true;
    }

    /// <summary>
    /// How the host ended. .NET reports death by signal N as exit code 128 + N, as shells do; an exit
    /// status above 128 is read as a signal (dexthost and the sanitizers never exit with one).
    /// </summary>
    public (int? ExitCode, int? Signal) ExitStatus()
    {
        var code = _process.ExitCode;
        return code is > 128 and < 128 + 65 ? (null, code - 128) : (code, null);
    }

    /// <summary>Kills the host and anything it started, and waits (bounded) for it to be gone.</summary>
    public void Kill()
    {
        Kill(_process);
        _stderr.WaitForEnd(StreamEndWait);
    }

    public void Dispose()
    {
        Kill(_process);
        _process.Dispose();
        DeletePrivateDirectory();
    }

    static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit(KillWait);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>A host that exits normally removes it; one that crashed or was killed leaves it to us.</summary>
    void DeletePrivateDirectory()
    {
        var directory = Path.GetDirectoryName(SocketPath);
        if (directory is null || !Path.GetFileName(directory).StartsWith("dexthost.", StringComparison.Ordinal)) return;
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left in the temporary directory: it holds nothing but a dead socket.
        }
    }

    static string LastLine(StderrTail stderr) =>
        stderr.Text().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() is { } line
            ? ": " + line
            : "";
}

using System.Diagnostics;
using ConformanceKit.Targets;

namespace ConformanceKit.Transports.Socket;

/// <summary>
/// One running dexthost fork server: started with --private-dir --fork-server, its socket path read from
/// the first line of stdout, its stderr kept (bounded) for the crash reports. Each connection is served
/// by a copy the server forks (<see cref="HostSession"/>), so a crash costs a fork, not a process start.
/// The server exits when its stdin — a pipe only this process holds — ends, so a harness that dies
/// without cleaning up leaves no host behind.
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

    /// <summary>The server and every copy it forked write to this one stderr.</summary>
    public StderrTail StderrStream => _stderr;

    public bool HasExited => _process.HasExited;

    /// <summary>": " and the host's last line on stderr, or "" when it wrote nothing.</summary>
    public string LastStderrLine => LastLine(_stderr);

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
        start.ArgumentList.Add("--fork-server");
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

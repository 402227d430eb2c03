using System.Runtime.InteropServices;

namespace ConformanceKit.Transports.Socket;

/// <summary>
/// kill(2) for a fork-server copy of dexthost: the copy is the server's child, not ours, so
/// System.Diagnostics.Process cannot be asked to kill it by handle. The copy stays a zombie until the
/// server reaps it, so its process id names it until the server has written its end line.
/// </summary>
internal static partial class ProcessSignal
{
    const int SigKill = 9;

    /// <summary>Kills the process; false when it is already gone.</summary>
    public static bool Kill(int processId) => processId > 0 && SendSignal(processId, SigKill) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}

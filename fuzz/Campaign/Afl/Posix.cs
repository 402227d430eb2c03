using System.Runtime.InteropServices;

namespace ConformanceKit.Fuzz.Afl;

/// <summary>The libc calls .NET lacks here: sending a signal (SIGINT is afl-fuzz's "stop cleanly") to a process or a process group.</summary>
internal static partial class Posix
{
    public const int SigInt = 2;
    public const int SigKill = 9;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    /// <summary>Signals every process of a process group (kill(-pgid, signal)).</summary>
    public static int KillGroup(int processGroup, int signal) => processGroup > 1 ? Kill(-processGroup, signal) : -1;
}

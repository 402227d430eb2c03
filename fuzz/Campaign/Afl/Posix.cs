using System.Runtime.InteropServices;

namespace ConformanceKit.Fuzz.Afl;

/// <summary>The one libc call .NET lacks here: sending SIGINT, which afl-fuzz handles as "stop cleanly".</summary>
internal static partial class Posix
{
    public const int SigInt = 2;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);
}

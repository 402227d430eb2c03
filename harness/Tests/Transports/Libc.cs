using System.Runtime.InteropServices;

namespace ConformanceKit.Tests.Transports;

/// <summary>The few libc calls the transport tests need: stopping a host, and a SysV coverage segment as AFL++ makes one.</summary>
internal static partial class Libc
{
    public const int SigKill = 9;
    public const int SigStop = 19;
    public const int IpcPrivate = 0;
    public const int IpcCreat = 0x200;
    public const int IpcRmid = 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "shmget", SetLastError = true)]
    public static partial int ShmGet(int key, nuint size, int flags);

    [LibraryImport("libc", EntryPoint = "shmat", SetLastError = true)]
    public static partial nint ShmAt(int id, nint address, int flags);

    [LibraryImport("libc", EntryPoint = "shmdt", SetLastError = true)]
    public static partial int ShmDt(nint address);

    [LibraryImport("libc", EntryPoint = "shmctl", SetLastError = true)]
    public static partial int ShmCtl(int id, int command, nint buffer);
}

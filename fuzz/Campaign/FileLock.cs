using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace ConformanceKit.Fuzz;

/// <summary>
/// An exclusive advisory lock (flock(2)) on a file, held until disposed or until the process ends —
/// the kernel drops it with the descriptor, so a killed holder never leaves a stale lock.
/// </summary>
public sealed partial class FileLock : IDisposable
{
    const int LockExclusive = 2;
    const int LockNonBlocking = 4;
    const int Interrupted = 4; // EINTR

    readonly FileStream _file;

    FileLock(FileStream file) => _file = file;

    /// <summary>Waits until the lock is free.</summary>
    public static FileLock Acquire(string path) => TryTake(path, wait: true)!;

    /// <summary>The lock, or null when another process holds it.</summary>
    public static FileLock? TryAcquire(string path) => TryTake(path, wait: false);

    static FileLock? TryTake(string path, bool wait)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        // FileShare.ReadWrite: .NET's own emulation of sharing must not stand in for the flock below.
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
        int result;
        do result = Flock(file.SafeFileHandle, LockExclusive | (wait ? 0 : LockNonBlocking));
        while (result != 0 && Marshal.GetLastPInvokeError() == Interrupted);
        if (result == 0) return new FileLock(file);
        file.Dispose();
        return null;
    }

    public void Dispose() => _file.Dispose();

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(SafeFileHandle fd, int operation);
}

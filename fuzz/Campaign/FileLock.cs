using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace ConformanceKit.Fuzz;

/// <summary>
/// An exclusive advisory lock (flock(2)) on a file, held until disposed or until the process ends —
/// the kernel drops it with the descriptor, so a killed holder never leaves a stale lock. The file is
/// opened with libc's open(O_CLOEXEC), not with a FileStream: .NET takes a flock of its own when it
/// opens a file (LOCK_SH for a shared open), which would make a second opener fail with an IOException
/// instead of seeing the lock as held; and O_CLOEXEC keeps the descriptor — and so the lock — out of
/// every process the holder starts (afl-fuzz, dexthost), which must not outlive it holding the lock.
/// </summary>
public sealed partial class FileLock : IDisposable
{
    const int LockExclusive = 2;
    const int LockNonBlocking = 4;
    const int Interrupted = 4; // EINTR

    readonly SafeFileHandle _file;

    FileLock(SafeFileHandle file) => _file = file;

    /// <summary>Waits until the lock is free.</summary>
    public static FileLock Acquire(string path) => TryTake(path, wait: true)!;

    /// <summary>The lock, or null when another process holds it.</summary>
    public static FileLock? TryAcquire(string path) => TryTake(path, wait: false);

    /// <summary>The lock when it is free within <paramref name="patience"/> (polled), else null.</summary>
    public static FileLock? TryAcquire(string path, TimeSpan patience)
    {
        var until = DateTime.UtcNow + patience;
        while (true)
        {
            if (TryAcquire(path) is { } taken) return taken;
            if (DateTime.UtcNow >= until) return null;
            Thread.Sleep(20);
        }
    }

    /// <summary>True when the file exists and another process holds its lock; never creates the file.</summary>
    public static bool IsHeld(string path)
    {
        if (!File.Exists(path)) return false;
        using var file = OpenFile(path, OpenFlags(create: false, write: false));
        if (file is null) return false;
        if (Flock(file, LockExclusive | LockNonBlocking) == 0) return false; // free (released with the descriptor)
        return true;
    }

    /// <summary>Replaces the file's content (the holder says who it is).</summary>
    public void Write(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (Truncate(_file, 0) != 0) return;
        RandomAccess.Write(_file, bytes, 0);
    }

    /// <summary>The file's content without taking the lock ("" when missing or unreadable).</summary>
    public static string Read(string path)
    {
        using var file = OpenFile(path, OpenFlags(create: false, write: false));
        if (file is null) return "";
        var buffer = new byte[256];
        try
        {
            var count = RandomAccess.Read(file, buffer, 0);
            return Encoding.UTF8.GetString(buffer, 0, count);
        }
        catch (IOException)
        {
            return "";
        }
    }

    static FileLock? TryTake(string path, bool wait)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var file = OpenFile(path, OpenFlags(create: true, write: true))
            ?? throw new IOException($"cannot open {path}: {Marshal.GetLastPInvokeErrorMessage()}");
        int result;
        do result = Flock(file, LockExclusive | (wait ? 0 : LockNonBlocking));
        while (result != 0 && Marshal.GetLastPInvokeError() == Interrupted);
        if (result == 0) return new FileLock(file);
        file.Dispose();
        return null;
    }

    public void Dispose() => _file.Dispose();

    static SafeFileHandle? OpenFile(string path, int flags)
    {
        var fd = Open(Path.GetFullPath(path), flags, Convert.ToInt32("644", 8));
        return fd < 0 ? null : new SafeFileHandle(fd, ownsHandle: true);
    }

    static int OpenFlags(bool create, bool write)
    {
        // Linux and macOS differ in O_CREAT and O_CLOEXEC (O_RDONLY 0 and O_RDWR 2 are the same).
        var mac = OperatingSystem.IsMacOS();
        var flags = (write ? 2 : 0) | (mac ? 0x1000000 : 0x80000);
        if (create) flags |= mac ? 0x200 : 0x40;
        return flags;
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(SafeFileHandle fd, int operation);

    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    private static partial int Truncate(SafeFileHandle fd, long length);
}

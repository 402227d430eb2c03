using System.Runtime.InteropServices;

namespace ConformanceKit.Fuzz.Bench;

/// <summary>
/// A 64 KiB System V shared-memory segment standing in for AFL's coverage map, so the fuzz target
/// does the per-execution work it does under afl-fuzz: the in-process dext writes its edges through
/// the pointer, dexthost attaches the segment by id (__AFL_SHM_ID, as afl-fuzz exports it).
/// </summary>
public sealed unsafe partial class CoverageMap : IDisposable
{
    public const int Size = 1 << 16;
    const int IpcPrivate = 0, IpcCreat = 0x200, IpcRmid = 0, OwnerReadWrite = 0x180;

    CoverageMap(int id, byte* bytes)
    {
        Id = id;
        Bytes = bytes;
    }

    public int Id { get; }
    public byte* Bytes { get; private set; }

    public static CoverageMap Create()
    {
        var id = ShmGet(IpcPrivate, Size, IpcCreat | OwnerReadWrite);
        if (id < 0) throw new InvalidOperationException($"shmget failed: errno {Marshal.GetLastPInvokeError()}");
        var address = ShmAt(id, 0, 0);
        if (address == -1)
        {
            ShmCtl(id, IpcRmid, 0);
            throw new InvalidOperationException($"shmat failed: errno {Marshal.GetLastPInvokeError()}");
        }
        return new CoverageMap(id, (byte*)address);
    }

    public void Dispose()
    {
        if (Bytes == null) return;
        ShmDt((nint)Bytes);
        ShmCtl(Id, IpcRmid, 0);
        Bytes = null;
    }

    [LibraryImport("libc", EntryPoint = "shmget", SetLastError = true)]
    private static partial int ShmGet(int key, nuint size, int flags);

    [LibraryImport("libc", EntryPoint = "shmat", SetLastError = true)]
    private static partial nint ShmAt(int id, nint address, int flags);

    [LibraryImport("libc", EntryPoint = "shmdt", SetLastError = true)]
    private static partial int ShmDt(nint address);

    [LibraryImport("libc", EntryPoint = "shmctl", SetLastError = true)]
    private static partial int ShmCtl(int id, int command, nint buffer);
}

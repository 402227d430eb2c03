using ConformanceKit.IOKit;

namespace ConformanceKit.Transports.InProcess;

/// <summary>Memory a dext shares with its app, through dksim_map_memory, dksim_memory_write and dksim_memory_read.</summary>
public sealed unsafe partial class InProcessTransport : ISharedMemory
{
    public MemoryMapping MapMemory(ulong connection, uint type)
    {
        ulong options = 0, map = 0, length = 0;
        var status = _library.MapMemory(connection, type, &options, &map, &length);
        return new MemoryMapping(new IOReturn((uint)status), map, length, options);
    }

    public IOReturn WriteMemory(ulong map, ulong offset, ReadOnlySpan<byte> bytes)
    {
        fixed (byte* pointer = bytes)
            return new IOReturn((uint)_library.MemoryWrite(map, offset, pointer, (ulong)bytes.Length));
    }

    public IOReturn ReadMemory(ulong map, ulong offset, Span<byte> bytes)
    {
        fixed (byte* pointer = bytes)
            return new IOReturn((uint)_library.MemoryRead(map, offset, pointer, (ulong)bytes.Length));
    }
}

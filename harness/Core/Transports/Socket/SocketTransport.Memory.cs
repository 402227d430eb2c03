using ConformanceKit.IOKit;

namespace ConformanceKit.Transports.Socket;

/// <summary>Memory a dext shares with its app, through dexthost's MapMemory, WriteMemory and ReadMemory (protocol 4).</summary>
public sealed partial class SocketTransport : ISharedMemory
{
    public MemoryMapping MapMemory(ulong connection, uint type) => Client().MapMemory(connection, type);

    public IOReturn WriteMemory(ulong map, ulong offset, ReadOnlySpan<byte> bytes) =>
        new((uint)Client().WriteMemory(map, offset, bytes));

    public IOReturn ReadMemory(ulong map, ulong offset, Span<byte> bytes) =>
        new((uint)Client().ReadMemory(map, offset, bytes));
}

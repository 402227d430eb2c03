using ConformanceKit.IOKit;

namespace ConformanceKit.Transports;

/// <summary>
/// A transport that drives the app's side of memory a dext shares (IOConnectMapMemory64, then loads
/// and stores through the mapping): the simulator's transports. Reach it through
/// <see cref="IDextTransport.Capability{T}"/>.
/// </summary>
public interface ISharedMemory
{
    /// <summary>IOConnectMapMemory64 of a memory type: the dext's CopyClientMemoryForType runs.</summary>
    MemoryMapping MapMemory(ulong connection, uint type);

    /// <summary>The app stores bytes through a mapping (kIOReturnNotWritable when the dext shared it read-only).</summary>
    IOReturn WriteMemory(ulong map, ulong offset, ReadOnlySpan<byte> bytes);

    /// <summary>The app loads bytes through a mapping into bytes (its length is the count).</summary>
    IOReturn ReadMemory(ulong map, ulong offset, Span<byte> bytes);
}

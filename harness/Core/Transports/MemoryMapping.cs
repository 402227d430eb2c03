using ConformanceKit.IOKit;

namespace ConformanceKit.Transports;

/// <summary>
/// What IOConnectMapMemory64 gave the app: the return, the mapping (0 when it failed), its length, and
/// the options the dext's CopyClientMemoryForType set (<see cref="ReadOnlyOption"/>: the app cannot
/// write). xnu answers every failure, the dext's own error included, with kIOReturnBadArgument.
/// </summary>
public readonly record struct MemoryMapping(IOReturn Return, ulong Map, ulong Length, ulong Options)
{
    /// <summary>kIOUserClientMemoryReadOnly (DriverKit/IOUserClient.iig).</summary>
    public const ulong ReadOnlyOption = 1;

    public bool ReadOnly => (Options & ReadOnlyOption) != 0;
}

namespace ConformanceKit.Transports;

/// <summary>
/// One distinct dispatch entry a dext passed to <c>IOUserClient::ExternalMethod</c> on a connection for an
/// app's selector (dksim.h <c>dksim_dispatch_entry</c>): its five check fields as written
/// (<see cref="Variable"/> is <c>kIOUserClientVariableStructureSize</c>), and how many calls passed it.
/// </summary>
public sealed record DispatchEntry(
    ulong Connection,
    ulong Selector,
    DispatchEntryFlags Flags,
    uint CheckCompletionExists,
    uint CheckScalarInputCount,
    uint CheckStructureInputSize,
    uint CheckScalarOutputCount,
    uint CheckStructureOutputSize,
    uint Calls)
{
    /// <summary>kIOUserClientVariableStructureSize: a check field that accepts any value.</summary>
    public const uint Variable = 0xFFFFFFFF;

    /// <summary>The dext called super::ExternalMethod with dispatch == NULL (its check fields are 0).</summary>
    public bool HasEntry => (Flags & DispatchEntryFlags.NoEntry) == 0;

    /// <summary>The entry's function is NULL (the default ExternalMethod then answers kIOReturnNoCompletion).</summary>
    public bool HasFunction => HasEntry && (Flags & DispatchEntryFlags.NoFunction) == 0;

    /// <summary>The same entry, whatever connection it was seen on and however often.</summary>
    public bool SameChecks(DispatchEntry other) =>
        Flags == other.Flags && CheckCompletionExists == other.CheckCompletionExists && CheckScalarInputCount == other.CheckScalarInputCount
        && CheckStructureInputSize == other.CheckStructureInputSize && CheckScalarOutputCount == other.CheckScalarOutputCount
        && CheckStructureOutputSize == other.CheckStructureOutputSize;
}

/// <summary>dksim.h DKSIM_DISPATCH_*.</summary>
[Flags]
public enum DispatchEntryFlags : uint
{
    None = 0,
    NoEntry = 0x1,
    NoFunction = 0x2,
}

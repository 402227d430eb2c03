using ConformanceKit.Transports.MacOS.Native;

namespace ConformanceKit.Transports.MacOS;

/// <summary>
/// The OSAsyncReference64 the transport passes to IOConnectCallAsyncMethod. Entries 1 and 2
/// (kIOAsyncCalloutFuncIndex, kIOAsyncCalloutRefconIndex) are the caller's callback and refcon, as
/// IOKitLib lays them out; they come back untouched in the completion, and since completions are
/// parsed here rather than dispatched through IOKitLib, entry 1 is never called and may be any token.
/// Entry 3 (kIOAsyncCalloutCount, the first one IOKitLib leaves to the app) carries the transport's
/// connection id, so a completion finds its connection even after io_connect_t port names are
/// reused. Entry 0 is the kernel's (it stores the wake port there and zeroes it in the reply).
/// </summary>
internal static class AsyncReferenceLayout
{
    public const int ConnectionIndex = IOKitConstants.kIOAsyncCalloutCount;

    /// <summary>Fills reference (kOSAsyncRef64Count entries) from the caller's entries and the connection id.</summary>
    /// <exception cref="ArgumentException">the caller's reference is longer than 8 entries or uses entry 0 or 3.</exception>
    public static void Build(ReadOnlySpan<ulong> callerReference, ulong connectionId, Span<ulong> reference)
    {
        if (reference.Length != IOKitConstants.kOSAsyncRef64Count)
            throw new ArgumentException($"an async reference has {IOKitConstants.kOSAsyncRef64Count} entries", nameof(reference));
        if (callerReference.Length > IOKitConstants.kOSAsyncRef64Count)
            throw new ArgumentException($"an async reference of {callerReference.Length} entries (at most {IOKitConstants.kOSAsyncRef64Count})", nameof(callerReference));
        if (callerReference.Length > IOKitConstants.kIOAsyncReservedIndex && callerReference[IOKitConstants.kIOAsyncReservedIndex] != 0)
            throw new ArgumentException("entry 0 of an async reference belongs to the kernel", nameof(callerReference));
        if (callerReference.Length > ConnectionIndex && callerReference[ConnectionIndex] != 0)
            throw new ArgumentException($"entry {ConnectionIndex} of an async reference carries the transport's connection id", nameof(callerReference));
        reference.Clear();
        callerReference.CopyTo(reference);
        reference[ConnectionIndex] = connectionId;
    }

    /// <summary>The connection id a completion's reference carries.</summary>
    public static ulong ConnectionOf(ReadOnlySpan<ulong> reference) => reference[ConnectionIndex];
}

namespace ConformanceKit.Tests.Transports.MacOS.HeaderTable;

/// <summary>The C function-pointer types the transport hands to IOKitLib and libdispatch, and who implements them.</summary>
public static class CallbackTable
{
    public static IReadOnlyList<CallbackEntry> Entries { get; } =
    [
        new("IOServiceMatchingCallback", "void", ["void *", "io_iterator_t"], new("IOKitUser/IOKitLib.h", 86),
            ["ServiceWaiter.OnMatched"]),
        new("dispatch_function_t", "void", ["void *"], new("libdispatch/dispatch/base.h", 371),
            ["SerialQueue.Run", "CompletionPort.OnMessages", "CompletionPort.OnCancelled"]),
    ];
}

using ConformanceKit.IOKit;

namespace ConformanceKit.Transports;

/// <summary>
/// How the harness reaches a dext: in-process (P/Invoke into lib&lt;dext&gt;.so), through dexthost over a
/// Unix socket, or through IOKit.framework on a Mac. Everything above this interface is the same for
/// all three. A dext that crashes surfaces as <see cref="DextCrashedException"/>, one that stops
/// answering as <see cref="DextHungException"/>; a transport that supervises a host restarts it on the
/// next call. What only some transports can do — count live objects, capture the dext's log, send
/// coverage to AFL, read HID reports, map memory the dext shares, drive its device, name the dext's process — are
/// capability interfaces (<see cref="ILiveObjects"/>, <see cref="ILogCapture"/>,
/// <see cref="ICoverageMap"/>, <see cref="IHidReports"/>, <see cref="ISharedMemory"/>, <see cref="ISimulatedDevice"/>,
/// <see cref="IHostProcess"/>) reached through <see cref="Capability{T}"/>, so a caller never needs the
/// concrete transport and a wrapper (<see cref="TransportDecorator"/>) offers exactly what it wraps.
/// </summary>
public interface IDextTransport : IDisposable
{
    TransportKind Kind { get; }

    /// <summary>What it is connected to, for logs and reports.</summary>
    string Description { get; }

    /// <summary>True when time moves only through <see cref="Wait"/> (the simulator's virtual clock).</summary>
    bool HasVirtualClock { get; }

    /// <summary>
    /// True when <see cref="Open"/> presents the access identifiers it is given as the client's
    /// userclient-access entitlement (the simulator). A real Mac judges the harness's own code
    /// signature instead, so there the rule access.entitlement cannot be tested.
    /// </summary>
    bool CanChooseClientEntitlements => true;

    /// <summary>
    /// True when a crash or hang of the dext ends only the dext (its own process) and becomes a
    /// finding. In-process, a crash takes the harness with it and an out-of-bounds access corrupts
    /// silently, so there memory.safety cannot be judged.
    /// </summary>
    bool IsolatesCrashes => true;

    /// <summary>Why the last failing operation failed, in the runtime's words ("" when it cannot say).</summary>
    string LastError() => "";

    /// <summary>Number of registered services whose name matches (IOServiceGetMatchingServices).</summary>
    int CountMatching(string serviceName);

    /// <summary>IOServiceOpen with the app's userclient-access identifiers.</summary>
    IOReturn Open(string serviceName, uint type, IReadOnlyList<string> accessIds, out ulong connection);

    /// <summary>IOServiceClose.</summary>
    IOReturn Close(ulong connection);

    /// <summary>
    /// IOConnectCallMethod (asyncReference empty) or IOConnectCallAsyncMethod. The output spans' lengths
    /// are the capacities the app passes.
    /// </summary>
    CallResult Call(ulong connection, uint selector, ReadOnlySpan<ulong> asyncReference,
        ReadOnlySpan<ulong> scalarInput, ReadOnlySpan<byte> structInput,
        Span<ulong> scalarOutput, Span<byte> structOutput);

    /// <summary>Lets time pass: advances the virtual clock (firing due timers) or sleeps.</summary>
    void Wait(ulong nanoseconds);

    /// <summary>Moves the connection's delivered completions into sink, oldest first.</summary>
    void TakeCompletions(ulong connection, List<AsyncCompletion> sink);

    /// <summary>Back to a freshly booted dext: no connections, clock 0, empty logs and queues.</summary>
    void Reset();

    /// <summary>What this transport can do beyond the calls every transport makes (e.g. <see cref="ILiveObjects"/>), or null when it cannot.</summary>
    T? Capability<T>() where T : class => this as T;
}

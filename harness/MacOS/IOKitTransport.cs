using System.Diagnostics;
using System.Runtime.Versioning;
using ConformanceKit.IOKit;
using ConformanceKit.Transports.MacOS.Native;

namespace ConformanceKit.Transports.MacOS;

/// <summary>
/// A dext that is really installed, reached through IOKit.framework the way the sample's app reaches
/// it: IOServiceNameMatching + IOServiceGetMatchingService, IOServiceOpen on mach_task_self(),
/// IOConnectCallMethod for synchronous calls, IOConnectCallAsyncMethod with an IONotificationPort's
/// port as wake port for asynchronous ones, completions received on a serial dispatch queue.
/// What the simulator offers and a real system does not: time is real (<see cref="Wait"/> sleeps),
/// live-object counters and the dext's log are not readable, and the client's userclient-access
/// entitlement is the harness process's own — the access ids passed to <see cref="Open"/> cannot
/// change it (see docs/macos.md). Not thread-safe: one runner drives one transport.
/// </summary>
[SupportedOSPlatform("macos")]
public sealed unsafe class IOKitTransport : IDextTransport
{
    readonly string _serviceName;
    readonly TimeSpan _serviceWait;
    readonly uint _task;
    readonly SerialQueue _queue;
    readonly CompletionPort _completions;
    readonly ServiceWaiter _waiter;
    readonly CompletionInbox _inbox = new();
    readonly Dictionary<ulong, uint> _connections = [];
    readonly ulong[] _reference = new ulong[IOKitConstants.kOSAsyncRef64Count];
    ulong _nextConnection = 1;
    long _epoch = Stopwatch.GetTimestamp();
    bool _disposed;

    /// <param name="serviceName">The IOServiceNameMatching name the harness waits for at start and after a reset.</param>
    /// <param name="serviceWait">How long to wait for that service to be registered.</param>
    /// <exception cref="TransportSetupException">not macOS, IOKit plumbing that cannot be set up, or no such service in time.</exception>
    public IOKitTransport(string serviceName, TimeSpan serviceWait)
    {
        if (!OperatingSystem.IsMacOS()) throw new TransportSetupException(TransportFactory.NotMacOSMessage);
        _serviceName = serviceName;
        _serviceWait = serviceWait;
        _task = MachCalls.TaskSelf();
        _queue = new SerialQueue("org.conformancekit.iokit-transport");
        try
        {
            _completions = new CompletionPort(_queue, Deliver);
            _waiter = new ServiceWaiter(_queue);
            EnsureService();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public TransportKind Kind => TransportKind.IOKit;
    public string Description => $"iokit {_serviceName} (installed dext, IOKit.framework)";
    public bool HasVirtualClock => false;
    public bool CanChooseClientEntitlements => false;

    public int CountMatching(string serviceName)
    {
        var matching = IOKitFramework.IOServiceNameMatching(serviceName);
        if (matching == 0) throw new TransportSetupException($"IOServiceNameMatching({serviceName}) failed");
        var status = IOKitFramework.IOServiceGetMatchingServices(IOKitConstants.kIOMainPortDefault, matching, out var iterator);
        if (status != MachConstants.KERN_SUCCESS)
            throw new TransportSetupException($"IOServiceGetMatchingServices({serviceName}) failed with {new IOReturn((uint)status)}");
        if (iterator == MachConstants.MACH_PORT_NULL) return 0; // success with nothing matched
        try
        {
            var count = 0;
            uint service;
            while ((service = IOKitFramework.IOIteratorNext(iterator)) != MachConstants.MACH_PORT_NULL)
            {
                count++;
                IOKitFramework.IOObjectRelease(service);
            }
            return count;
        }
        finally
        {
            IOKitFramework.IOObjectRelease(iterator);
        }
    }

    /// <summary>
    /// IOServiceOpen on the first service matching the name. accessIds is not used: the kernel checks
    /// the calling process's own com.apple.developer.driverkit.userclient-access, which is fixed when
    /// the harness binary is signed.
    /// </summary>
    public IOReturn Open(string serviceName, uint type, IReadOnlyList<string> accessIds, out ulong connection)
    {
        connection = 0;
        var matching = IOKitFramework.IOServiceNameMatching(serviceName);
        if (matching == 0) return IOReturn.NoMemory;
        var service = IOKitFramework.IOServiceGetMatchingService(IOKitConstants.kIOMainPortDefault, matching);
        if (service == MachConstants.MACH_PORT_NULL) return IOReturn.NoDevice;
        int status;
        uint connect;
        try
        {
            status = IOKitFramework.IOServiceOpen(service, _task, type, out connect);
        }
        finally
        {
            IOKitFramework.IOObjectRelease(service); // the connection holds its own reference
        }
        if (status != MachConstants.KERN_SUCCESS) return new IOReturn((uint)status);
        connection = _nextConnection++;
        _connections[connection] = connect;
        _inbox.Open(connection);
        return IOReturn.Success;
    }

    public IOReturn Close(ulong connection)
    {
        if (!_connections.Remove(connection, out var connect)) return IOReturn.NotOpen;
        _inbox.Close(connection);
        return new IOReturn((uint)IOKitFramework.IOServiceClose(connect));
    }

    public CallResult Call(ulong connection, uint selector, ReadOnlySpan<ulong> asyncReference,
        ReadOnlySpan<ulong> scalarInput, ReadOnlySpan<byte> structInput, Span<ulong> scalarOutput, Span<byte> structOutput)
    {
        if (!_connections.TryGetValue(connection, out var connect)) return new CallResult(IOReturn.NotOpen, 0, 0);
        var scalarCount = (uint)scalarOutput.Length;
        var structSize = (nuint)structOutput.Length;
        int status;
        fixed (ulong* scalarsIn = scalarInput)
        fixed (byte* bytesIn = structInput)
        fixed (ulong* scalarsOut = scalarOutput)
        fixed (byte* bytesOut = structOutput)
        {
            if (asyncReference.IsEmpty)
            {
                status = IOKitFramework.IOConnectCallMethod(connect, selector,
                    scalarsIn, (uint)scalarInput.Length, bytesIn, (nuint)structInput.Length,
                    scalarsOut, &scalarCount, bytesOut, &structSize);
            }
            else
            {
                AsyncReferenceLayout.Build(asyncReference, connection, _reference);
                fixed (ulong* reference = _reference)
                {
                    status = IOKitFramework.IOConnectCallAsyncMethod(connect, selector, _completions.MachPort,
                        reference, (uint)_reference.Length,
                        scalarsIn, (uint)scalarInput.Length, bytesIn, (nuint)structInput.Length,
                        scalarsOut, &scalarCount, bytesOut, &structSize);
                }
            }
        }
        ThrowIfServerGone(status, selector);
        return new CallResult(new IOReturn((uint)status), scalarCount, structSize);
    }

    /// <summary>
    /// (inferred) Once a dext's process is gone its IOUserServer is inactive and every call into it is
    /// answered kIOReturnOffline (xnu IOUserServer::rpc); a connection whose user client has been torn
    /// down fails to send with MACH_SEND_INVALID_DEST. Either means the dext died or was stopped
    /// during the program, which is a memory.safety finding like a crash in the simulator. A dext
    /// that returns kIOReturnOffline itself would be reported the same way.
    /// </summary>
    void ThrowIfServerGone(int status, uint selector)
    {
        var code = unchecked((uint)status);
        if (code != IOKitConstants.kIOReturnOffline && status != MachConstants.MACH_SEND_INVALID_DEST) return;
        var what = code == IOKitConstants.kIOReturnOffline ? "kIOReturnOffline" : "MACH_SEND_INVALID_DEST";
        throw new DextCrashedException(
            $"{_serviceName} stopped answering at selector {selector} ({what}): the dext crashed or was stopped",
            "no report through IOKit: see the crash report of the dext's process in Console (Crash Reports) or ~/Library/Logs/DiagnosticReports",
            null, null);
    }

    /// <summary>Real time: sleeps. Completions keep arriving on the queue meanwhile.</summary>
    public void Wait(ulong nanoseconds)
    {
        var ticks = (long)Math.Min(nanoseconds / 100, (ulong)TimeSpan.MaxValue.Ticks);
        if (ticks > 0) Thread.Sleep(TimeSpan.FromTicks(ticks));
    }

    /// <exception cref="TransportSetupException">the completion port met a message it could not read (completions may be lost).</exception>
    public void TakeCompletions(ulong connection, List<AsyncCompletion> sink)
    {
        if (_completions.Problem is { } problem)
            throw new TransportSetupException($"the completion port of {_serviceName} cannot be trusted: {problem}");
        _inbox.TakeInto(connection, sink);
    }

    /// <summary>
    /// As close to a fresh dext as a real system allows: every connection this transport opened is
    /// closed, pending completions are forgotten (later ones for those connections are dropped), the
    /// completion clock restarts, and the service is waited for if it is not registered (a dext the
    /// system is relaunching). The dext's own state outside its user clients is not reset.
    /// </summary>
    public void Reset()
    {
        CloseAll();
        _inbox.Clear();
        Interlocked.Exchange(ref _epoch, Stopwatch.GetTimestamp());
        EnsureService();
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        CloseAll();
        _waiter?.Dispose();
        _completions?.Dispose();
        _queue.Dispose();
    }

    void CloseAll()
    {
        foreach (var connect in _connections.Values) IOKitFramework.IOServiceClose(connect);
        _connections.Clear();
    }

    void EnsureService()
    {
        var matching = IOKitFramework.IOServiceNameMatching(_serviceName);
        if (matching == 0) throw new TransportSetupException($"IOServiceNameMatching({_serviceName}) failed");
        var service = IOKitFramework.IOServiceGetMatchingService(IOKitConstants.kIOMainPortDefault, matching);
        if (service != MachConstants.MACH_PORT_NULL)
        {
            IOKitFramework.IOObjectRelease(service);
            return;
        }
        if (!_waiter.WaitFor(_serviceName, _serviceWait))
            throw new TransportSetupException($"no IOService named '{_serviceName}' within {_serviceWait.TotalSeconds:0.#} s: is the dext installed and activated (systemextensionsctl list)?");
    }

    /// <summary>Runs on the queue: files a parsed completion under the connection its reference names.</summary>
    void Deliver(AsyncCompletionMessage message)
    {
        var timeNs = (ulong)Stopwatch.GetElapsedTime(Interlocked.Read(ref _epoch)).Ticks * 100;
        var completion = new AsyncCompletion(
            message.Reference[IOKitConstants.kIOAsyncCalloutFuncIndex],
            message.Reference[IOKitConstants.kIOAsyncCalloutRefconIndex],
            new IOReturn(unchecked((uint)message.Result)), message.Arguments, timeNs);
        _inbox.Deliver(AsyncReferenceLayout.ConnectionOf(message.Reference), completion);
    }
}

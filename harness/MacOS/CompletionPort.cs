using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using ConformanceKit.Transports.MacOS.Native;

namespace ConformanceKit.Transports.MacOS;

/// <summary>
/// The IONotificationPort whose mach port is the wake port of every async call, and the receiving end
/// of it: a DISPATCH_SOURCE_TYPE_MACH_RECV source on the transport's serial queue that drains the
/// port and hands each completion, parsed with its exact argument count
/// (<see cref="AsyncCompletionMessage"/>), to a sink. This is what IONotificationPortSetDispatchQueue
/// sets up inside IOKitLib, minus IOKitLib's callout, which cannot be used for completions with an
/// unknown argument count; IOKitLib.h documents listening on IONotificationPortGetMachPort's port
/// directly as supported.
/// </summary>
[SupportedOSPlatform("macos")]
internal sealed unsafe class CompletionPort : IDisposable
{
    /// <summary>IOKitLib's own receive budget (8 KB); a completion needs at most 232 bytes plus trailer.</summary>
    const int ReceiveBufferSize = 8192;

    static readonly TimeSpan CancelWait = TimeSpan.FromSeconds(10);

    readonly Action<AsyncCompletionMessage> _sink;
    readonly ManualResetEventSlim _cancelled = new();
    nint _notifyPort;
    nint _source;
    GCHandle _self;
    byte* _buffer;
    string? _problem;

    /// <summary>
    /// The first message this port could not read, or receive that failed. Only the kernel's replies
    /// to this transport's own async calls arrive here, so any such problem means completions are
    /// being lost and the run's async verdicts cannot be trusted.
    /// </summary>
    public string? Problem => Volatile.Read(ref _problem);

    /// <summary>The port to pass as wake_port.</summary>
    public uint MachPort { get; }

    public CompletionPort(SerialQueue queue, Action<AsyncCompletionMessage> sink)
    {
        _sink = sink;
        var machReceive = DispatchCalls.MachReceiveSourceType(); // before anything that would need releasing
        _notifyPort = IOKitFramework.IONotificationPortCreate(IOKitConstants.kIOMainPortDefault);
        if (_notifyPort == 0) throw new TransportSetupException("IONotificationPortCreate failed");
        MachPort = IOKitFramework.IONotificationPortGetMachPort(_notifyPort);
        _buffer = (byte*)NativeMemory.AlignedAlloc(ReceiveBufferSize, sizeof(ulong));
        _self = GCHandle.Alloc(this);
        _source = DispatchCalls.dispatch_source_create(machReceive, MachPort, 0, queue.Handle);
        if (_source == 0)
        {
            Release();
            throw new TransportSetupException("dispatch_source_create(DISPATCH_SOURCE_TYPE_MACH_RECV) failed for the completion port");
        }
        DispatchCalls.dispatch_set_context(_source, (void*)GCHandle.ToIntPtr(_self));
        DispatchCalls.dispatch_source_set_event_handler_f(_source, (nint)(delegate* unmanaged<void*, void>)&OnMessages);
        DispatchCalls.dispatch_source_set_cancel_handler_f(_source, (nint)(delegate* unmanaged<void*, void>)&OnCancelled);
        DispatchCalls.dispatch_activate(_source);
    }

    /// <summary>Receives until the port is empty. Runs on the queue only.</summary>
    void Drain()
    {
        var header = (MachMessageHeader*)_buffer;
        while (true)
        {
            var status = MachCalls.mach_msg(header, MachConstants.MACH_RCV_MSG | MachConstants.MACH_RCV_TIMEOUT, 0,
                ReceiveBufferSize, MachPort, MachConstants.MACH_MSG_TIMEOUT_NONE, MachConstants.MACH_PORT_NULL);
            if (status == MachConstants.MACH_RCV_TIMED_OUT) return;
            if (status == MachConstants.MACH_RCV_TOO_LARGE)
            {
                // Without MACH_RCV_LARGE the kernel has already dropped it; nothing of ours was that big.
                Note($"dropped a message larger than {ReceiveBufferSize} bytes");
                continue;
            }
            if (status != MachConstants.MACH_MSG_SUCCESS)
            {
                Note($"mach_msg receive failed with 0x{status:x8}");
                return;
            }
            var length = (int)Math.Min(header->msgh_size, (uint)ReceiveBufferSize);
            var message = AsyncCompletionMessage.Parse(new ReadOnlySpan<byte>(_buffer, length), out var rejected);
            if (message is null) Note($"a message that is not an async completion: {rejected}");
            MachCalls.mach_msg_destroy(header); // rights a stray message may carry; nothing for a completion
            if (message is not null) _sink(message);
        }
    }

    /// <summary>Runs on the queue; keeps the first problem for the runner's thread.</summary>
    void Note(string problem) => Interlocked.CompareExchange(ref _problem, problem, null);

    [UnmanagedCallersOnly]
    static void OnMessages(void* context)
    {
        var port = (CompletionPort)GCHandle.FromIntPtr((nint)context).Target!;
        try
        {
            port.Drain();
        }
        catch (Exception e)
        {
            port.Note($"completion handling failed: {e.Message}"); // must not unwind into libdispatch
        }
    }

    [UnmanagedCallersOnly]
    static void OnCancelled(void* context) => ((CompletionPort)GCHandle.FromIntPtr((nint)context).Target!)._cancelled.Set();

    /// <summary>
    /// Cancels the source and waits for its cancel handler before destroying the port: libdispatch
    /// requires that for mach-port sources (the handler may still be receiving until then).
    /// </summary>
    public void Dispose()
    {
        if (_source == 0 && _notifyPort == 0) return;
        if (_source != 0)
        {
            DispatchCalls.dispatch_source_cancel(_source);
            if (!_cancelled.Wait(CancelWait))
            {
                // Leave the port, buffer and handle to the process rather than free them under a
                // handler that may still run.
                _source = 0;
                _notifyPort = 0;
                return;
            }
            DispatchCalls.dispatch_release(_source);
            _source = 0;
        }
        Release();
    }

    void Release()
    {
        if (_notifyPort != 0) IOKitFramework.IONotificationPortDestroy(_notifyPort);
        _notifyPort = 0;
        if (_buffer is not null) NativeMemory.AlignedFree(_buffer);
        _buffer = null;
        if (_self.IsAllocated) _self.Free();
        _cancelled.Dispose();
    }
}

using ConformanceKit.Transports;

namespace ConformanceKit.IOKit;

/// <summary>
/// An io_connect_t: the IOConnectCall* family and IOServiceClose. Async callbacks registered with
/// <see cref="CallAsyncMethod"/> run when completions are dispatched (<see cref="DispatchCompletions"/>
/// or <see cref="WaitForCompletions"/>), the way an IONotificationPort's queue would run them.
/// </summary>
public sealed class IOConnection(IDextTransport transport, ulong handle) : IDisposable
{
    readonly Dictionary<ulong, IOAsyncCallback> _callbacks = [];
    readonly List<AsyncCompletion> _pending = [];
    ulong _nextRefcon = 1;
    bool _closed;

    public ulong Handle { get; } = handle;

    /// <summary>IOConnectCallMethod.</summary>
    public CallResult CallMethod(uint selector, ReadOnlySpan<ulong> scalarInput, ReadOnlySpan<byte> structInput,
        Span<ulong> scalarOutput, Span<byte> structOutput) =>
        transport.Call(Handle, selector, [], scalarInput, structInput, scalarOutput, structOutput);

    /// <summary>IOConnectCallScalarMethod.</summary>
    public CallResult CallScalarMethod(uint selector, ReadOnlySpan<ulong> input, Span<ulong> output) =>
        CallMethod(selector, input, [], output, []);

    /// <summary>IOConnectCallStructMethod.</summary>
    public CallResult CallStructMethod(uint selector, ReadOnlySpan<byte> input, Span<byte> output) =>
        CallMethod(selector, [], input, [], output);

    /// <summary>IOConnectCallAsyncMethod: callback runs once per completion the dext sends for this reference.</summary>
    public CallResult CallAsyncMethod(uint selector, IOAsyncCallback callback, ReadOnlySpan<ulong> scalarInput,
        ReadOnlySpan<byte> structInput, Span<ulong> scalarOutput, Span<byte> structOutput)
    {
        var refcon = _nextRefcon++;
        _callbacks[refcon] = callback;
        Span<ulong> reference = stackalloc ulong[8];
        reference[1] = CallbackToken;
        reference[2] = refcon;
        return transport.Call(Handle, selector, reference, scalarInput, structInput, scalarOutput, structOutput);
    }

    /// <summary>IOConnectCallAsyncStructMethod.</summary>
    public CallResult CallAsyncStructMethod(uint selector, IOAsyncCallback callback, ReadOnlySpan<byte> input, Span<byte> output) =>
        CallAsyncMethod(selector, callback, [], input, [], output);

    /// <summary>Stands for the callback function pointer in reference[kIOAsyncCalloutFuncIndex].</summary>
    public const ulong CallbackToken = 0xCA11BAC000UL;

    /// <summary>Runs the callbacks of every completion delivered so far; returns how many ran.</summary>
    public int DispatchCompletions()
    {
        _pending.Clear();
        transport.TakeCompletions(Handle, _pending);
        foreach (var completion in _pending)
            if (_callbacks.TryGetValue(completion.Refcon, out var callback))
                callback(completion.Refcon, completion.Status, completion.Arguments);
        return _pending.Count;
    }

    /// <summary>Lets time pass (virtual or real) and dispatches what arrived.</summary>
    public int WaitForCompletions(TimeSpan time)
    {
        transport.Wait((ulong)time.Ticks * 100);
        return DispatchCompletions();
    }

    /// <summary>The dext's log lines for this connection (simulator only).</summary>
    public string ReadLog() => transport.ReadLog(Handle);

    /// <summary>IOServiceClose.</summary>
    public IOReturn Close()
    {
        if (_closed) return IOReturn.NotOpen;
        _closed = true;
        return transport.Close(Handle);
    }

    public void Dispose() => Close();
}

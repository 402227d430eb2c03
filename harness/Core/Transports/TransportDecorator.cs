using ConformanceKit.IOKit;

namespace ConformanceKit.Transports;

/// <summary>
/// A transport that wraps another: every operation, capabilities included, passes through to the
/// inner transport between <see cref="Enter"/> and <see cref="Leave"/>, and an exception it throws may
/// be replaced (<see cref="Replace"/>). A wrapper that counts, times or stops operations overrides
/// those hooks only; one that changes an operation overrides that operation. It offers a capability
/// (<see cref="IDextTransport.Capability{T}"/>) exactly when the inner transport does, and reaches it
/// through the same hooks.
/// </summary>
public abstract class TransportDecorator(IDextTransport inner) : IDextTransport, ILiveObjects, ILogCapture, IHidReports, ISharedMemory, ISimulatedDevice, IDispatchEntries, IHostProcess, IProgramExecutor, ITearDown
{
    public IDextTransport Inner => inner;

    public TransportKind Kind => inner.Kind;
    public string Description => inner.Description;
    public bool HasVirtualClock => inner.HasVirtualClock;
    public bool CanChooseClientEntitlements => inner.CanChooseClientEntitlements;
    public bool IsolatesCrashes => inner.IsolatesCrashes;

    /// <summary>Before an operation (named as the interface method); what it returns is handed to <see cref="Leave"/>.</summary>
    protected virtual long Enter(string operation) => 0;

    /// <summary>After an operation that returned.</summary>
    protected virtual void Leave(string operation, long entered)
    {
    }

    /// <summary>The exception to throw instead of one an operation threw, or null to let it through.</summary>
    protected virtual Exception? Replace(Exception exception) => null;

    public virtual T? Capability<T>() where T : class => inner.Capability<T>() is null ? null : this as T;

    public virtual string LastError() => Run(nameof(LastError), inner.LastError);

    public virtual int CountMatching(string serviceName) => Run(nameof(CountMatching), () => inner.CountMatching(serviceName));

    public virtual IOReturn Open(string serviceName, uint type, IReadOnlyList<string> accessIds, out ulong connection)
    {
        ulong opened = 0;
        var result = Run(nameof(Open), () => inner.Open(serviceName, type, accessIds, out opened));
        connection = opened;
        return result;
    }

    public virtual IOReturn Close(ulong connection) => Run(nameof(Close), () => inner.Close(connection));

    public virtual CallResult Call(ulong connection, uint selector, ReadOnlySpan<ulong> asyncReference, ReadOnlySpan<ulong> scalarInput,
        ReadOnlySpan<byte> structInput, Span<ulong> scalarOutput, Span<byte> structOutput)
    {
        var entered = Enter(nameof(Call));
        try
        {
            return Left(nameof(Call), entered, inner.Call(connection, selector, asyncReference, scalarInput, structInput, scalarOutput, structOutput));
        }
        catch (Exception e) when (Replace(e) is { } replacement)
        {
            throw replacement;
        }
    }

    public virtual void Wait(ulong nanoseconds) => Run(nameof(Wait), () => inner.Wait(nanoseconds));

    public virtual void TakeCompletions(ulong connection, List<AsyncCompletion> sink) =>
        Run(nameof(TakeCompletions), () => inner.TakeCompletions(connection, sink));

    public virtual IReadOnlyDictionary<string, long> LiveObjects() =>
        Run(nameof(LiveObjects), () => Required<ILiveObjects>().LiveObjects());

    public virtual string ReadLog(ulong connection) => Run(nameof(ReadLog), () => Required<ILogCapture>().ReadLog(connection));

    public virtual void TakeHidEvents(Hid.HidEvents sink) => Run(nameof(TakeHidEvents), () => Required<IHidReports>().TakeHidEvents(sink));

    /// <summary>Not an operation on the dext, so past the hooks: a wrapper that stops operations must still let its host be killed.</summary>
    public virtual int? HostProcessId => Required<IHostProcess>().HostProcessId;

    public virtual void TearDown() => Run(nameof(TearDown), () =>
    {
        Required<ITearDown>().TearDown();
        return 0;
    });

    public virtual MemoryMapping MapMemory(ulong connection, uint type) =>
        Run(nameof(MapMemory), () => Required<ISharedMemory>().MapMemory(connection, type));

    public virtual IOReturn WriteMemory(ulong map, ulong offset, ReadOnlySpan<byte> bytes)
    {
        var copy = bytes.ToArray(); // a span cannot be captured by Run's lambda; memory steps are rare and small
        return Run(nameof(WriteMemory), () => Required<ISharedMemory>().WriteMemory(map, offset, copy));
    }

    public virtual IOReturn ReadMemory(ulong map, ulong offset, Span<byte> bytes)
    {
        var buffer = new byte[bytes.Length];
        var result = Run(nameof(ReadMemory), () => Required<ISharedMemory>().ReadMemory(map, offset, buffer));
        buffer.CopyTo(bytes);
        return result;
    }

    public virtual IOReturn DescribeDevice(string description) =>
        Run(nameof(DescribeDevice), () => Required<ISimulatedDevice>().DescribeDevice(description));

    public virtual IOReturn FeedDevice(ReadOnlySpan<byte> bytes)
    {
        var copy = bytes.ToArray(); // a span cannot be captured by Run's lambda; device steps are rare and small
        return Run(nameof(FeedDevice), () => Required<ISimulatedDevice>().FeedDevice(copy));
    }

    public virtual IOReturn UnplugDevice() => Run(nameof(UnplugDevice), () => Required<ISimulatedDevice>().UnplugDevice());

    public virtual IOReturn RaiseInterrupt(uint index) => Run(nameof(RaiseInterrupt), () => Required<ISimulatedDevice>().RaiseInterrupt(index));

    public virtual void TakeViolations(List<RuntimeViolation> sink) =>
        Run(nameof(TakeViolations), () => Required<ISimulatedDevice>().TakeViolations(sink));

    public virtual void TakeDispatchEntries(List<DispatchEntry> sink) =>
        Run(nameof(TakeDispatchEntries), () => Required<IDispatchEntries>().TakeDispatchEntries(sink));

    public virtual void Reset() => Run(nameof(Reset), inner.Reset);

    /// <summary>One operation for the hooks; the replayed answers then pass through them one by one, as live.</summary>
    public virtual IDisposable? RunProgram(ProgramExecution execution) =>
        Run(nameof(RunProgram), () => Required<IProgramExecutor>().RunProgram(execution));

    /// <summary>Disposes the inner transport: a wrapper owns what it wraps unless it overrides this.</summary>
    public virtual void Dispose()
    {
        inner.Dispose();
        GC.SuppressFinalize(this);
    }

    T Required<T>() where T : class =>
        inner.Capability<T>() ?? throw new NotSupportedException($"the {inner.Kind.Name()} transport has no {typeof(T).Name}");

    T Left<T>(string operation, long entered, T result)
    {
        Leave(operation, entered);
        return result;
    }

    T Run<T>(string operation, Func<T> run)
    {
        var entered = Enter(operation);
        try
        {
            return Left(operation, entered, run());
        }
        catch (Exception e) when (Replace(e) is { } replacement)
        {
            throw replacement;
        }
    }

    void Run(string operation, Action run) => Run(operation, () =>
    {
        run();
        return 0;
    });
}

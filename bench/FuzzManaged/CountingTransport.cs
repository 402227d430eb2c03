using ConformanceKit.IOKit;
using ConformanceKit.Transports;

namespace ConformanceKit.Fuzz.Bench;

/// <summary>
/// Passes every operation through and counts it by kind (the method's name), so an execution's
/// cost can be stated in transport operations from a real run (<see cref="ExecProfile"/>).
/// </summary>
public sealed class CountingTransport(IDextTransport inner) : IDextTransport
{
    readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> Counts => _counts;

    public string Kind => inner.Kind;
    public string Description => inner.Description;
    public bool HasVirtualClock => inner.HasVirtualClock;
    public bool CanObserveInternals => inner.CanObserveInternals;

    public int CountMatching(string serviceName) => Count(nameof(CountMatching), inner.CountMatching(serviceName));

    public IOReturn Open(string serviceName, uint type, IReadOnlyList<string> accessIds, out ulong connection) =>
        Count(nameof(Open), inner.Open(serviceName, type, accessIds, out connection));

    public IOReturn Close(ulong connection) => Count(nameof(Close), inner.Close(connection));

    public CallResult Call(ulong connection, uint selector, ReadOnlySpan<ulong> asyncReference,
        ReadOnlySpan<ulong> scalarInput, ReadOnlySpan<byte> structInput, Span<ulong> scalarOutput, Span<byte> structOutput) =>
        Count(nameof(Call), inner.Call(connection, selector, asyncReference, scalarInput, structInput, scalarOutput, structOutput));

    public void Wait(ulong nanoseconds) => Count(nameof(Wait), () => inner.Wait(nanoseconds));

    public void TakeCompletions(ulong connection, List<AsyncCompletion> sink) => Count(nameof(TakeCompletions), () => inner.TakeCompletions(connection, sink));

    public IReadOnlyDictionary<string, long> LiveObjects() => Count(nameof(LiveObjects), inner.LiveObjects());

    public bool CanObserveHid => inner.CanObserveHid;

    public void TakeHidEvents(ConformanceKit.Transports.Hid.HidEvents sink) => Count(nameof(TakeHidEvents), () => inner.TakeHidEvents(sink));

    public string ReadLog(ulong connection) => Count(nameof(ReadLog), inner.ReadLog(connection));

    public void Reset() => Count(nameof(Reset), inner.Reset);

    /// <summary>Leaves the inner transport open: the caller owns it.</summary>
    public void Dispose()
    {
    }

    T Count<T>(string operation, T result)
    {
        _counts[operation] = _counts.GetValueOrDefault(operation) + 1;
        return result;
    }

    void Count(string operation, Action action)
    {
        _counts[operation] = _counts.GetValueOrDefault(operation) + 1;
        action();
    }
}

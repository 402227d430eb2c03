using System.Diagnostics;
using ConformanceKit.IOKit;
using ConformanceKit.Transports;

namespace ConformanceKit.Properties.Bench;

/// <summary>
/// A transport that counts and times the operations passing through it, by kind, so the results can
/// say from a real run what a case costs in transport operations and how much of its time they take.
/// Timing inside the workload, rather than only in separate micro-benchmarks, keeps the split
/// consistent on a busy machine: both sides see the same load. A Stopwatch read costs tens of
/// nanoseconds, small against a socket round trip but visible against an in-process call.
/// </summary>
public sealed class TimingTransport(IDextTransport inner) : IDextTransport
{
    readonly Dictionary<string, (long Count, long Ticks)> _operations = new(StringComparer.Ordinal);

    /// <summary>Per operation kind (the interface method's name): how often it ran and its total time.</summary>
    public IReadOnlyDictionary<string, (long Count, TimeSpan Time)> Operations =>
        _operations.ToDictionary(o => o.Key, o => (o.Value.Count, Stopwatch.GetElapsedTime(0, o.Value.Ticks)), StringComparer.Ordinal);

    public string Kind => inner.Kind;
    public string Description => inner.Description;
    public bool HasVirtualClock => inner.HasVirtualClock;
    public bool CanObserveInternals => inner.CanObserveInternals;
    public bool CanObserveHid => inner.CanObserveHid;

    public void TakeHidEvents(ConformanceKit.Transports.Hid.HidEvents sink)
    {
        var start = Stopwatch.GetTimestamp();
        inner.TakeHidEvents(sink);
        Record(nameof(TakeHidEvents), start, 0);
    }

    public int CountMatching(string serviceName)
    {
        var start = Stopwatch.GetTimestamp();
        return Record(nameof(CountMatching), start, inner.CountMatching(serviceName));
    }

    public IOReturn Open(string serviceName, uint type, IReadOnlyList<string> accessIds, out ulong connection)
    {
        var start = Stopwatch.GetTimestamp();
        return Record(nameof(Open), start, inner.Open(serviceName, type, accessIds, out connection));
    }

    public IOReturn Close(ulong connection)
    {
        var start = Stopwatch.GetTimestamp();
        return Record(nameof(Close), start, inner.Close(connection));
    }

    public CallResult Call(ulong connection, uint selector, ReadOnlySpan<ulong> asyncReference,
        ReadOnlySpan<ulong> scalarInput, ReadOnlySpan<byte> structInput, Span<ulong> scalarOutput, Span<byte> structOutput)
    {
        var start = Stopwatch.GetTimestamp();
        return Record(nameof(Call), start, inner.Call(connection, selector, asyncReference, scalarInput, structInput, scalarOutput, structOutput));
    }

    public void Wait(ulong nanoseconds)
    {
        var start = Stopwatch.GetTimestamp();
        inner.Wait(nanoseconds);
        Record(nameof(Wait), start, 0);
    }

    public void TakeCompletions(ulong connection, List<AsyncCompletion> sink)
    {
        var start = Stopwatch.GetTimestamp();
        inner.TakeCompletions(connection, sink);
        Record(nameof(TakeCompletions), start, 0);
    }

    public IReadOnlyDictionary<string, long> LiveObjects()
    {
        var start = Stopwatch.GetTimestamp();
        return Record(nameof(LiveObjects), start, inner.LiveObjects());
    }

    public string ReadLog(ulong connection)
    {
        var start = Stopwatch.GetTimestamp();
        return Record(nameof(ReadLog), start, inner.ReadLog(connection));
    }

    public void Reset()
    {
        var start = Stopwatch.GetTimestamp();
        inner.Reset();
        Record(nameof(Reset), start, 0);
    }

    public void Dispose() => inner.Dispose();

    T Record<T>(string operation, long start, T result)
    {
        var elapsed = Stopwatch.GetTimestamp() - start;
        var (count, ticks) = _operations.GetValueOrDefault(operation);
        _operations[operation] = (count + 1, ticks + elapsed);
        return result;
    }
}

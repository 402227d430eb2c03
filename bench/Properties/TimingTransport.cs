using System.Diagnostics;
using ConformanceKit.Transports;

namespace ConformanceKit.Properties.Bench;

/// <summary>
/// A transport that counts and times the operations passing through it, by kind, so the results can
/// say from a real run what a case costs in transport operations and how much of its time they take.
/// Timing inside the workload, rather than only in separate micro-benchmarks, keeps the split
/// consistent on a busy machine: both sides see the same load. A Stopwatch read costs tens of
/// nanoseconds, small against a socket round trip but visible against an in-process call.
/// </summary>
public sealed class TimingTransport(IDextTransport inner) : TransportDecorator(inner)
{
    readonly Dictionary<string, (long Count, long Ticks)> _operations = new(StringComparer.Ordinal);

    /// <summary>Per operation kind (the interface method's name): how often it ran and its total time.</summary>
    public IReadOnlyDictionary<string, (long Count, TimeSpan Time)> Operations =>
        _operations.ToDictionary(o => o.Key, o => (o.Value.Count, Stopwatch.GetElapsedTime(0, o.Value.Ticks)), StringComparer.Ordinal);

    protected override long Enter(string operation) => Stopwatch.GetTimestamp();

    protected override void Leave(string operation, long entered)
    {
        var elapsed = Stopwatch.GetTimestamp() - entered;
        var (count, ticks) = _operations.GetValueOrDefault(operation);
        _operations[operation] = (count + 1, ticks + elapsed);
    }
}

using ConformanceKit.Transports;

namespace ConformanceKit.Fuzz.Bench;

/// <summary>
/// Passes every operation through and counts and times it by kind (the method's name), so an
/// execution's cost can be stated in transport operations from a real run (<see cref="ExecProfile"/>).
/// </summary>
public sealed class CountingTransport(IDextTransport inner) : TransportDecorator(inner)
{
    readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    readonly Dictionary<string, long> _ticks = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> Counts => _counts;

    /// <summary>Stopwatch ticks spent in each kind of operation.</summary>
    public IReadOnlyDictionary<string, long> Ticks => _ticks;

    protected override long Enter(string operation)
    {
        _counts[operation] = _counts.GetValueOrDefault(operation) + 1;
        return System.Diagnostics.Stopwatch.GetTimestamp();
    }

    protected override void Leave(string operation, long entered) =>
        _ticks[operation] = _ticks.GetValueOrDefault(operation) + System.Diagnostics.Stopwatch.GetTimestamp() - entered;

    /// <summary>Leaves the inner transport open: the caller owns it.</summary>
    public override void Dispose() => GC.SuppressFinalize(this);
}

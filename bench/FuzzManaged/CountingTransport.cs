using ConformanceKit.Transports;

namespace ConformanceKit.Fuzz.Bench;

/// <summary>
/// Passes every operation through and counts it by kind (the method's name), so an execution's
/// cost can be stated in transport operations from a real run (<see cref="ExecProfile"/>).
/// </summary>
public sealed class CountingTransport(IDextTransport inner) : TransportDecorator(inner)
{
    readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> Counts => _counts;

    protected override long Enter(string operation)
    {
        _counts[operation] = _counts.GetValueOrDefault(operation) + 1;
        return 0;
    }

    /// <summary>Leaves the inner transport open: the caller owns it.</summary>
    public override void Dispose() => GC.SuppressFinalize(this);
}

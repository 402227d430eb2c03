using BenchmarkDotNet.Attributes;
using ConformanceKit.Programs;
using ConformanceKit.Spec;
using ConformanceKit.Transports;

namespace ConformanceKit.Properties.Bench;

/// <summary>
/// Transport operations timed on their own, so the per-case time can be taken apart: the reset that
/// gives every case a freshly booted dext, one plain call (standing for the other per-step operations
/// — open, close, wait, taking completions — which on the socket transport are each one
/// request/response exchange with dexthost, like a call), and the live-object read objects.balance
/// makes twice per case, which returns and parses a text table rather than a status.
/// </summary>
public class TransportStepBenchmark : TargetBenchmark
{
    /// <summary>CheckedScalar: the most common call in generated programs, checked and answered by the handler.</summary>
    const uint Selector = 2;

    ILiveObjects? _liveObjects;
    ulong _connection;
    ulong[] _scalarInput = [];
    ulong[] _scalarOutput = [];

    [GlobalSetup]
    public void Setup()
    {
        var (spec, transport) = Open();
        _liveObjects = transport.Capability<ILiveObjects>() ?? throw new InvalidOperationException($"the {transport.Kind.Name()} transport cannot count live objects");
        var entry = spec.Find(Selector) ?? throw new InvalidOperationException($"{spec.Dext} has no selector {Selector}");
        _scalarInput = ProgramData.Scalars((int)entry.Shape.ScalarInput.Value, 1);
        _scalarOutput = new ulong[entry.Shape.ScalarOutput.Value];
        var access = ClientAccess.AsEntitled.Resolve(spec.BundleIdentifier);
        var opened = transport.Open(spec.Service, spec.ConnectionType, access, out _connection);
        if (!opened.IsSuccess) throw new InvalidOperationException($"cannot open {spec.Service}: {opened}");
        // A benchmark of a refused call would time the wrong path.
        var first = Call();
        if (!first.IsSuccess) throw new InvalidOperationException($"selector {Selector} with its declared shape returned {first}");
    }

    [Benchmark]
    public IOKit.IOReturn Call() =>
        Transport!.Call(_connection, Selector, [], _scalarInput, [], _scalarOutput, []).Return;

    [Benchmark]
    public int LiveObjects() => _liveObjects!.LiveObjects().Count;

    /// <summary>Leaves the dext without the connection Call uses; BenchmarkDotNet gives each benchmark its own setup.</summary>
    [Benchmark]
    public void Reset() => Transport!.Reset();
}

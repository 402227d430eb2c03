using BenchmarkDotNet.Attributes;
using ConformanceKit.Programs;
using ConformanceKit.Transports;

namespace ConformanceKit.Fuzz.Bench;

/// <summary>
/// The transport operations a run is made of, each on its own, so a run's time (and an
/// execution's under afl-fuzz) can be priced from how many of each it does (<see cref="ExecProfile"/>):
/// the reset that boots a fresh dext before every program, one call, an open with its close, taking
/// completions, advancing the virtual clock, and the live-object read of objects.balance. On the
/// socket transport each is one request/response exchange with dexthost; the reset is three.
/// </summary>
public class StepCostBenchmark
{
    /// <summary>CheckedScalar: checked by the dispatch table and answered by the handler.</summary>
    const uint Selector = 2;

    readonly List<AsyncCompletion> _completions = [];
    IDextTransport? _transport;
    ILiveObjects? _liveObjects;
    ulong _connection;
    ulong[] _scalarInput = [];
    ulong[] _scalarOutput = [];
    IReadOnlyList<string> _access = [];

    [ParamsSource(nameof(Transports))]
    public BenchTransport Transport { get; set; } = BenchTransport.All.First();

    public static IEnumerable<BenchTransport> Transports => BenchTransport.All;

    [GlobalSetup]
    public void Setup()
    {
        var spec = BenchInputs.Spec;
        _transport = Transport.Open();
        _liveObjects = _transport.Capability<ILiveObjects>() ?? throw new InvalidOperationException($"the {_transport.Kind.Name()} transport cannot count live objects");
        var entry = spec.Find(Selector) ?? throw new InvalidOperationException($"{spec.Dext} has no selector {Selector}");
        _scalarInput = ProgramData.Scalars((int)entry.Shape.ScalarInput.Value, 1);
        _scalarOutput = new ulong[entry.Shape.ScalarOutput.Value];
        _access = ClientAccess.AsEntitled.Resolve(spec.BundleIdentifier);
        var opened = _transport.Open(spec.Service, spec.ConnectionType, _access, out _connection);
        if (!opened.IsSuccess) throw new InvalidOperationException($"cannot open {spec.Service}: {opened}");
        // Timing a refused call would time the wrong path.
        if (!Call().IsSuccess) throw new InvalidOperationException($"selector {Selector} with its declared shape is refused");
    }

    [GlobalCleanup]
    public void Cleanup() => _transport?.Dispose();

    /// <summary>Leaves the dext without the setup's connection; BenchmarkDotNet gives each benchmark its own setup.</summary>
    [Benchmark]
    public void Reset() => _transport!.Reset();

    [Benchmark]
    public IOKit.IOReturn Call() =>
        _transport!.Call(_connection, Selector, [], _scalarInput, [], _scalarOutput, []).Return;

    /// <summary>Open+close pairs per reset in <see cref="OpenClose"/>.</summary>
    public const int OpensPerReset = 16;

    /// <summary>
    /// A reset, then <see cref="OpensPerReset"/> open+close pairs. A closed connection and its log stay
    /// until the next reset; a fuzz execution resets once per two or three opens, while an open+close
    /// repeated millions of times without one would time a runtime holding millions of connections.
    /// Each operation carries 1/<see cref="OpensPerReset"/> of a reset, which <see cref="ExecPricing"/> takes off.
    /// </summary>
    [Benchmark(OperationsPerInvoke = OpensPerReset)]
    public void OpenClose()
    {
        var spec = BenchInputs.Spec;
        _transport!.Reset();
        for (var k = 0; k < OpensPerReset; k++)
        {
            _transport.Open(spec.Service, spec.ConnectionType, _access, out var connection);
            _transport.Close(connection);
        }
    }

    [Benchmark]
    public int TakeCompletions()
    {
        _completions.Clear();
        _transport!.TakeCompletions(_connection, _completions);
        return _completions.Count;
    }

    [Benchmark]
    public void Wait() => _transport!.Wait(1_000_000);

    [Benchmark]
    public int LiveObjects() => _liveObjects!.LiveObjects().Count;
}

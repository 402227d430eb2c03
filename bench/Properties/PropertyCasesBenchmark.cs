using BenchmarkDotNet.Attributes;
using ConformanceKit.Transports;

namespace ConformanceKit.Properties.Bench;

/// <summary>
/// Property cases per second: BenchmarkDotNet's time per operation is the time of one case (one random
/// program generated, run on a freshly reset dext and judged), because each invocation runs
/// <see cref="CaseBudget.Cases"/> of them. Op/s in the results is cases/s.
/// </summary>
public class PropertyCasesBenchmark
{
    IDextTransport? _transport;
    SuiteWorkload? _workload;

    [ParamsSource(nameof(Targets))]
    public BenchTarget Target { get; set; } = BenchTarget.All.First();

    public static IEnumerable<BenchTarget> Targets => BenchTarget.All;

    [GlobalSetup]
    public void Setup()
    {
        var (spec, transport) = Target.Open();
        _transport = transport;
        _workload = new SuiteWorkload(spec, transport);
        _workload.RunAndVerify();
    }

    [GlobalCleanup]
    public void Cleanup() => _transport?.Dispose();

    [Benchmark(OperationsPerInvoke = CaseBudget.Cases)]
    public int PropertyCase() => _workload!.Run().Programs;
}

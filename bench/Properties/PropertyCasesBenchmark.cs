using BenchmarkDotNet.Attributes;

namespace ConformanceKit.Properties.Bench;

/// <summary>
/// Property cases per second: BenchmarkDotNet's time per operation is the time of one case (one random
/// program generated, run on a freshly reset dext and judged), because each invocation runs
/// <see cref="CaseBudget.Cases"/> of them. Op/s in the results is cases/s.
/// </summary>
public class PropertyCasesBenchmark : TargetBenchmark
{
    SuiteWorkload? _workload;

    [GlobalSetup]
    public void Setup()
    {
        var (spec, transport) = Open();
        _workload = new SuiteWorkload(spec, transport, Target.StepByStep);
        _workload.RunAndVerify();
    }

    [Benchmark(OperationsPerInvoke = CaseBudget.Cases)]
    public int PropertyCase() => _workload!.Run().Programs;
}

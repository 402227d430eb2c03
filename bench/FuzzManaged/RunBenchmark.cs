using BenchmarkDotNet.Attributes;
using ConformanceKit.Programs;
using ConformanceKit.Runner;
using ConformanceKit.Transports;

namespace ConformanceKit.Fuzz.Bench;

/// <summary>
/// ProgramRunner.Run with the fuzzer's options (stop at the first violation, record nothing) on an
/// already decoded program: reset the dext, run the steps, judge them, close, check the live
/// objects. Time per program.
/// </summary>
public class RunBenchmark
{
    IDextTransport? _transport;
    ProgramRunner? _runner;
    Program[] _programs = [];

    [ParamsSource(nameof(Transports))]
    public BenchTransport Transport { get; set; } = BenchTransport.All.First();

    public static IEnumerable<BenchTransport> Transports => BenchTransport.All;

    [GlobalSetup]
    public void Setup()
    {
        _transport = Transport.Open();
        _runner = new ProgramRunner(BenchInputs.Spec, _transport, RunnerOptions.Fuzzing);
        var decoder = new ProgramDecoder(BenchInputs.Spec);
        _programs = BenchInputs.Workload().Select(input => decoder.Decode(input)).ToArray();
        // A violation would stop a program early and make the time per program meaningless.
        if (Run() != 0) throw new InvalidOperationException($"a benchmark program breaks a rule on {Transport}");
    }

    [GlobalCleanup]
    public void Cleanup() => _transport?.Dispose();

    [Benchmark(OperationsPerInvoke = BenchInputs.PerOperation)]
    public int Run()
    {
        var violations = 0;
        foreach (var program in _programs) violations += _runner!.Run(program).Violations.Count;
        return violations;
    }
}

using BenchmarkDotNet.Attributes;

namespace ConformanceKit.Fuzz.Bench;

/// <summary>
/// FuzzTarget.Execute, the code SharpFuzz calls once per afl-fuzz execution, per campaign variant
/// (<see cref="TargetUnderTest"/>). Time per input. What an execution under afl-fuzz adds: SharpFuzz's
/// fork-server loop (a pipe exchange, reading the input from stdin) and the harness's own edge
/// counting — the harness assembly loaded here is not SharpFuzz-instrumented.
/// </summary>
public class FuzzTargetBenchmark
{
    TargetUnderTest? _target;
    MemoryStream[] _inputs = [];

    [ParamsSource(nameof(Variants))]
    public string Variant { get; set; } = "fast";

    public static IEnumerable<string> Variants => TargetUnderTest.Variants;

    [GlobalSetup]
    public void Setup()
    {
        _target = new TargetUnderTest(BenchInputs.Target, Variant);
        _inputs = BenchInputs.Workload().Select(bytes => new MemoryStream(bytes, writable: false)).ToArray();
        foreach (var input in _inputs)
            if (!_target.Execute(input)) throw new InvalidOperationException($"a workload input breaks a rule on the {Variant} build");
    }

    [GlobalCleanup]
    public void Cleanup() => _target?.Dispose();

    [Benchmark(OperationsPerInvoke = BenchInputs.PerOperation)]
    public void Execute()
    {
        foreach (var input in _inputs)
        {
            input.Position = 0;
            _target!.Target.Execute(input);
        }
    }
}

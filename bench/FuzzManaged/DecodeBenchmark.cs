using BenchmarkDotNet.Attributes;
using ConformanceKit.Programs;

namespace ConformanceKit.Fuzz.Bench;

/// <summary>ProgramDecoder.Decode: the first thing every execution does with AFL's bytes. Time per input.</summary>
public class DecodeBenchmark
{
    ProgramDecoder? _decoder;
    byte[][] _inputs = [];

    [GlobalSetup]
    public void Setup()
    {
        _decoder = new ProgramDecoder(BenchInputs.Spec);
        _inputs = BenchInputs.Workload();
    }

    [Benchmark(OperationsPerInvoke = BenchInputs.PerOperation)]
    public int Decode()
    {
        var steps = 0;
        foreach (var input in _inputs) steps += _decoder!.Decode(input).Steps.Count;
        return steps;
    }
}

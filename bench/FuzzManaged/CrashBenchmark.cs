using BenchmarkDotNet.Attributes;
using ConformanceKit.Programs;
using ConformanceKit.Runner;
using ConformanceKit.Transports;

namespace ConformanceKit.Fuzz.Bench;

/// <summary>
/// What a crash costs on the ASan build in dexthost: one program that overflows NullDriver's Struct
/// selector (its known heap-buffer-overflow), run with the fuzzer's options. Each run is the crash,
/// the sanitizer's report, its symbolizing by the harness, the end of the dext's process and the
/// fresh, booted one the next run is served by — what every crashing input of a campaign costs, and
/// what triage and shrinking pay per crashing candidate.
/// </summary>
public class CrashBenchmark
{
    const string Crashing = "open c0\ncall c0 1 in=01 struct_out=16\n";

    IDextTransport? _transport;
    ProgramRunner? _runner;
    Program? _program;

    [GlobalSetup]
    public void Setup()
    {
        _transport = BenchTransport.SocketAsan.Open();
        _runner = new ProgramRunner(BenchInputs.Spec, _transport, RunnerOptions.Fuzzing);
        _program = ProgramText.Parse(Crashing);
        if (Run() is null) throw new InvalidOperationException("the crashing program did not crash NullDriver's ASan build");
    }

    [GlobalCleanup]
    public void Cleanup() => _transport?.Dispose();

    [Benchmark]
    public CrashInfo? Run() => _runner!.Run(_program!).Crash;
}

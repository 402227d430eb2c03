using ConformanceKit.Programs;
using ConformanceKit.Runner;
using ConformanceKit.Spec;
using ConformanceKit.Targets;
using ConformanceKit.Transports.Socket;

namespace ConformanceKit.Fuzz.Bench;

/// <summary>
/// What the benchmarks execute: dext/NullDriver, the campaign's default target, with the inputs
/// afl-fuzz starts from there — the spec's seeds minus those that already break a rule on the ASan
/// build, which a campaign moves to seeds-failing/. Like most executions of a campaign, every input
/// then runs to its end without a violation, so no time goes into exceptions or logs.
/// </summary>
public static class BenchInputs
{
    /// <summary>Inputs per benchmark operation (OperationsPerInvoke), so times are per input.</summary>
    public const int PerOperation = 64;

    static readonly Lazy<(DispatchSpec Spec, byte[][] Passing)> Corpus = new(Load);

    public static DextTarget Target => DextTarget.Resolve(Path.Combine(RepositoryLayout.Root, "dext", "NullDriver"));

    public static DispatchSpec Spec => Corpus.Value.Spec;

    /// <summary>Every seed that holds every rule, in the seeds' stable order.</summary>
    public static IReadOnlyList<byte[]> Passing => Corpus.Value.Passing;

    /// <summary>
    /// <see cref="PerOperation"/> inputs spread evenly over <see cref="Passing"/> (repeating some when
    /// there are fewer), so one operation covers every kind of seed — single calls of each selector,
    /// boundary shapes, the async protocol — in their proportions.
    /// </summary>
    public static byte[][] Workload()
    {
        var passing = Passing;
        return Enumerable.Range(0, PerOperation).Select(k => passing[k * passing.Count / PerOperation]).ToArray();
    }

    /// <summary>Mean steps per decoded program of the workload (open, calls, waits, closes).</summary>
    public static double MeanSteps()
    {
        var decoder = new ProgramDecoder(Spec);
        return Workload().Average(input => decoder.Decode(input).Steps.Count);
    }

    static (DispatchSpec, byte[][]) Load()
    {
        var target = Target;
        var spec = target.LoadSpec();
        target.Build(DextVariant.Asan);
        using var transport = new SocketTransport(target.HostPath(DextVariant.Asan), TimeSpan.FromSeconds(5));
        var runner = new ProgramRunner(spec, transport, RunnerOptions.Fuzzing);
        var decoder = new ProgramDecoder(spec);
        var passing = new ProgramSeeds(spec).All()
            .Select(seed => seed.Bytes)
            .Where(bytes => runner.Run(decoder.Decode(bytes)).Violations.Count == 0)
            .ToArray();
        if (passing.Length == 0) throw new InvalidOperationException($"every seed of {spec.Dext} breaks a rule: nothing to benchmark");
        return (spec, passing);
    }
}

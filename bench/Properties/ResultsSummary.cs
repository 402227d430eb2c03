using System.Globalization;
using System.Text;
using BenchmarkDotNet.Reports;
using ConformanceKit.Transports;

namespace ConformanceKit.Properties.Bench;

/// <summary>
/// bench/results/properties.md: cases/s per transport, the machine, and where a case's time goes —
/// every number in it measured by this run (BenchmarkDotNet's statistics and the profiled runs).
/// </summary>
public static class ResultsSummary
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <param name="loadAverages">/proc/loadavg before and after the benchmarks (empty where there is none).</param>
    public static string Markdown(IReadOnlyList<Summary> summaries, IReadOnlyList<CaseProfile> profiles, IReadOnlyList<string> loadAverages)
    {
        var text = new StringBuilder();
        text.AppendLine("# Property cases per second");
        text.AppendLine();
        text.AppendLine("Written by `bench/run-properties-bench.sh` (project `bench/Properties`); BenchmarkDotNet's own reports and logs");
        text.AppendLine("stay in the local `build/bench/properties/` (not committed). Re-running the script replaces them and this file.");
        text.AppendLine();
        text.AppendLine("**Workload.** The property checker (`PropertyChecker`, the engine of `conformancekit check`) over every property of");
        text.AppendLine($"`dext/NullDriverHardened`'s spec on seed 1, {CaseBudget.Cases} random cases per benchmark operation split evenly over the");
        text.AppendLine("properties (boundary sweeps left out so the count is fixed), `OperationsPerInvoke` = that count. A case is one generated");
        text.AppendLine("program run on a freshly reset dext and judged step by step; the dext holds every rule, so no case is shrunk.");
        text.AppendLine($"Job: in-process toolchain, 1 launch, {BenchConfig.WarmupCount} warm-up and {BenchConfig.IterationCount} measured iterations. Times are medians of the");
        text.AppendLine("iterations: on a shared machine another process's burst moves the mean far more than the median (means and errors are");
        text.AppendLine("in BenchmarkDotNet's reports).");
        text.AppendLine();
        text.AppendLine("## Machine");
        text.AppendLine();
        text.AppendLine("```");
        text.AppendLine($"date: {DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ}");
        foreach (var line in summaries[0].HostEnvironmentInfo.ToFormattedString()) text.AppendLine(line);
        foreach (var load in loadAverages) text.AppendLine($"load average (1, 5, 15 min) {load}");
        text.AppendLine("```");
        text.AppendLine();
        text.AppendLine("## Results");
        text.AppendLine();
        text.AppendLine("| transport | variant | cases/s | µs per case | reset µs | call µs | live-objects µs | transport ops per case | dexthost exchanges per case |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var profile in profiles)
        {
            var target = profile.Target;
            var caseNs = MedianNs(summaries, nameof(PropertyCasesBenchmark.PropertyCase), target);
            var exchanges = profile.SocketExchanges is { } perCase ? Number(perCase, "0.00") : "—";
            text.AppendLine($"| {target.Transport.Name()} | {target.Variant}{(target.StepByStep ? ", step by step" : "")} | {Number(1e9 / caseNs, "N0")} | {Micro(caseNs / 1000)} | " +
                $"{Micro(MedianNs(summaries, nameof(TransportStepBenchmark.Reset), target) / 1000)} | " +
                $"{Micro(MedianNs(summaries, nameof(TransportStepBenchmark.Call), target) / 1000)} | " +
                $"{Micro(MedianNs(summaries, nameof(TransportStepBenchmark.LiveObjects), target) / 1000)} | " +
                $"{Number(profile.Operations, "0.0")} | {exchanges} |");
        }
        text.AppendLine();
        text.AppendLine("cases/s and µs per case: `PropertyCasesBenchmark`; reset, call (CheckedScalar, 16 scalars in and out) and live-objects");
        text.AppendLine("read: `TransportStepBenchmark`, each operation alone in a loop.");
        text.AppendLine();
        text.AppendLine("## What limits it");
        text.AppendLine();
        text.AppendLine($"Profiled runs of the same workload ({CaseProfile.RunCount} × {CaseBudget.Cases} cases per transport, every transport operation timed");
        text.AppendLine("where it happens) split a case into the transport's time and the harness's own (FsCheck generation, the oracle,");
        text.AppendLine("judging outputs); per case, count × µs. They are timed per operation and run once, not as BenchmarkDotNet's");
        text.AppendLine("iterations, so their absolute times stray further on a busy machine: read them for the split, the table above for speed.");
        text.AppendLine();
        var kinds = profiles.SelectMany(p => p.PerCase.Keys).Distinct().Order(StringComparer.Ordinal).ToArray();
        text.AppendLine($"| transport | µs per case | {string.Join(" | ", kinds)} | transport total | harness |");
        text.AppendLine($"|---|---:|{string.Concat(kinds.Select(_ => "---:|"))}---:|---:|");
        foreach (var profile in profiles)
        {
            var cells = kinds.Select(kind => profile.PerCase.TryGetValue(kind, out var o) ? $"{Number(o.Count, "0.00")} × {Micro(o.Microseconds / o.Count)}" : "—");
            text.AppendLine($"| {profile.Target} | {Micro(profile.CaseMicroseconds)} | {string.Join(" | ", cells)} | " +
                $"{Micro(profile.TransportMicroseconds)} ({Share(profile.TransportMicroseconds, profile.CaseMicroseconds)}) | " +
                $"{Micro(profile.HarnessMicroseconds)} ({Share(profile.HarnessMicroseconds, profile.CaseMicroseconds)}) |");
        }
        text.AppendLine();
        text.AppendLine("Every case pays a reset (a freshly booted dext keeps cases independent) and the runner's operations for its steps:");
        text.AppendLine("the open, each call, the completions taken after every call and wait, the wait, the close, and the live-object reads");
        text.AppendLine("before and after for objects.balance. In process these are calls into the library, and the harness's own work is what");
        text.AppendLine("is left. On the socket transport a case's program is one `RunProgram` round trip to `dexthost`: the host makes all of");
        text.AppendLine("those operations itself and answers with their records, from which the runner's own requests are then answered");
        text.AppendLine("without another exchange — so RunProgram's time is the host's work plus one round trip, and the other operations'");
        text.AppendLine("times are the replay's. socket/release and socket/asan run the same programs through the same exchanges; the");
        text.AppendLine("difference between them is what the ASan+UBSan build of the dext and its runtime costs.");
        return text.ToString();
    }

    /// <summary>BenchmarkDotNet's median time per operation of one benchmark at one target, in ns (NaN when it did not run).</summary>
    static double MedianNs(IReadOnlyList<Summary> summaries, string method, BenchTarget target) =>
        summaries.SelectMany(s => s.Reports)
            .FirstOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method
                && Equals(r.BenchmarkCase.Parameters["Target"], target))?.ResultStatistics?.Median
        ?? double.NaN;

    static string Micro(double microseconds) =>
        double.IsNaN(microseconds) ? "—" : microseconds.ToString(Math.Abs(microseconds) < 10 ? "0.00" : "N0", Invariant);

    static string Number(double value, string format) => double.IsNaN(value) ? "—" : value.ToString(format, Invariant);

    static string Share(double part, double whole) => (part / whole).ToString("P0", Invariant);
}

using BenchmarkDotNet.Running;
using ConformanceKit.Targets;

namespace ConformanceKit.Fuzz.Bench;

/// <summary>
/// Entry point. Without a command (or with BenchmarkDotNet arguments such as --filter) it runs the
/// benchmarks and writes bench/results/fuzz-managed/summary.json, which the campaign report reads
/// (BenchmarkDotNet's own reports and logs stay in build/bench/fuzz-managed/, not committed). The other commands serve bench/fuzz/*.sh:
/// <code>
/// campaign-report RUN [OTHER]  bench/results/fuzz-campaign.md and .json from a campaign-bench.sh run
///                              (headline rates of OTHER run folders in a table of their own)
/// native-coverage-report RUN   bench/results/fuzz-native-coverage.md and .json from a native-coverage.sh run
/// maze-depth DIR...            the deepest MazeDriver stage reached by the inputs in the AFL++ folders
/// queue-time VARIANT DIR [N]   the fuzz target's µs per input over an AFL++ queue (median of N passes,
///                              default 5), as the campaign report times it; for profiling the target
/// </code>
/// Exit 0 on success, 1 when a benchmark failed, 2 on a usage error.
/// </summary>
public static class BenchMain
{
    public static string ResultsDirectory => Path.Combine(RepositoryLayout.Root, "bench", "results");

    public static int Main(string[] args)
    {
        var command = args.Length > 0 ? args[0] : "";
        switch (command)
        {
            case "campaign-report" when args.Length >= 2:
                CampaignReport.Write(args[1], ResultsDirectory, args[2..]);
                return 0;
            case "native-coverage-report" when args.Length == 2:
                NativeCoverageReport.Write(args[1], ResultsDirectory);
                return 0;
            case "sequence-report" when args.Length == 2:
                SequenceReport.Write(args[1], ResultsDirectory);
                return 0;
            case "maze-depth" when args.Length >= 2:
                Console.WriteLine(NativeCoverageReport.DeepestStage(args[1..]));
                return 0;
            case "queue-time" when args.Length is 3 or 4:
                return QueueTime(args[1], args[2], args.Length == 4 ? args[3] : "5");
            case "campaign-report" or "native-coverage-report" or "sequence-report" or "maze-depth" or "queue-time":
                Console.Error.WriteLine($"usage: {command} {command switch { "maze-depth" => "DIR...", "campaign-report" => "RUN [OTHER_RUN...]", "queue-time" => "VARIANT QUEUE_DIR [PASSES]", _ => "RUN" }}");
                return 2;
            default:
                return RunBenchmarks(args);
        }
    }

    static int QueueTime(string variant, string queueDirectory, string passesText)
    {
        if (!TargetUnderTest.Variants.Contains(variant) || !Directory.Exists(queueDirectory)
            || !int.TryParse(passesText, out var passes) || passes < 1)
        {
            Console.Error.WriteLine($"queue-time: need a variant ({string.Join(", ", TargetUnderTest.Variants)}), an existing queue folder and a pass count >= 1");
            return 2;
        }
        var queue = ExecProfile.ReadInputs([queueDirectory]);
        var dext = DextTarget.Resolve(Path.Combine(RepositoryLayout.Root, "dext", "NullDriver"));
        using var target = new TargetUnderTest(dext, variant);
        var microseconds = target.MedianMicrosecondsPerInput(queue, passes);
        Console.WriteLine($"{variant}: {microseconds:F2} µs per input over {queue.Count} inputs (median of {passes} passes; load {LoadAverage()})");
        return 0;
    }

    static int RunBenchmarks(string[] args)
    {
        var artifacts = Path.Combine(RepositoryLayout.Root, "build", "bench", "fuzz-managed");
        var loadBefore = LoadAverage();
        var summaries = BenchmarkRunner.Run(
            [typeof(DecodeBenchmark), typeof(RunBenchmark), typeof(StepCostBenchmark), typeof(FuzzTargetBenchmark), typeof(CrashBenchmark)],
            BenchConfig.Create(artifacts), args);
        var failed = summaries.SelectMany(s => s.Reports).Where(r => !r.Success).Select(r => r.BenchmarkCase.DisplayInfo).ToArray();
        if (summaries.Length == 0 || summaries.Any(s => s.HasCriticalValidationErrors) || failed.Length > 0)
        {
            Console.Error.WriteLine($"fuzz managed bench: benchmarks failed: {(failed.Length > 0 ? string.Join(", ", failed) : "validation errors or nothing ran")}");
            return 1;
        }
        var path = Path.Combine(ResultsDirectory, "fuzz-managed", "summary.json");
        if (args.Length > 0)
        {
            // A filtered run measures only some cases; the summary is always one complete run.
            Console.WriteLine($"fuzz managed bench: run with arguments, so {path} is left as it was");
            return 0;
        }
        ManagedSummary.Write(path, summaries, loadBefore, LoadAverage());
        Console.WriteLine($"fuzz managed bench: wrote {path}");
        return 0;
    }

    /// <summary>The first three fields of /proc/loadavg: how busy the machine was, which the times depend on.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "-";
}

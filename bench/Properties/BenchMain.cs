using BenchmarkDotNet.Running;
using ConformanceKit.Targets;

namespace ConformanceKit.Properties.Bench;

/// <summary>
/// Runs the property benchmarks, then writes bench/results/properties.md from their results and a
/// counted run of the workload. BenchmarkDotNet's own reports and logs go to build/bench/properties/:
/// only the summary is a result worth committing. Arguments go to BenchmarkDotNet (e.g. --filter '*PropertyCase*').
/// Exit 0 when every benchmark ran, 1 otherwise.
/// </summary>
public static class BenchMain
{
    public static int Main(string[] args)
    {
        var results = Path.Combine(RepositoryLayout.Root, "bench", "results");
        var loadBefore = LoadAverage();
        var summaries = BenchmarkRunner.Run([typeof(PropertyCasesBenchmark), typeof(TransportStepBenchmark)], BenchConfig.Create(Path.Combine(RepositoryLayout.Root, "build", "bench", "properties")), args);
        var failed = summaries.SelectMany(s => s.Reports).Where(r => !r.Success).Select(r => r.BenchmarkCase.DisplayInfo).ToArray();
        if (summaries.Length == 0 || summaries.Any(s => s.HasCriticalValidationErrors) || failed.Length > 0)
        {
            Console.Error.WriteLine($"properties bench: benchmarks failed: {(failed.Length > 0 ? string.Join(", ", failed) : "validation errors or nothing ran")}");
            return 1;
        }
        var profiles = BenchTarget.All.Select(CaseProfile.Measure).ToArray();
        var summary = Path.Combine(results, "properties.md");
        string[] loads = loadBefore is null ? [] : [$"before: {loadBefore}", $"after: {LoadAverage()}"];
        File.WriteAllText(summary, ResultsSummary.Markdown(summaries, profiles, loads));
        Console.WriteLine($"properties bench: wrote {summary}");
        return 0;
    }

    /// <summary>The first three fields of /proc/loadavg: how busy the machine was, which the times depend on.</summary>
    static string? LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : null;
}

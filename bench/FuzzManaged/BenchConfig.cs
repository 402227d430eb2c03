using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BenchmarkDotNet.Validators;

namespace ConformanceKit.Fuzz.Bench;

/// <summary>How the benchmarks run and where BenchmarkDotNet's own reports go (build/bench/fuzz-managed/).</summary>
public static class BenchConfig
{
    public const int WarmupCount = 3;
    public const int IterationCount = 10;

    public static IConfig Create(string artifactsPath)
    {
        // A ShortRun-sized job, in-process: generating and building a project per benchmark costs
        // minutes on 2 cores and gains nothing here (the socket transports put the dext in its own
        // process anyway; the in-process one must load it into the measuring process). Iterations of
        // 250 ms keep the whole run to a few minutes; each already averages over many executions.
        var job = Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(WarmupCount)
            .WithIterationCount(IterationCount)
            .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(250))
            .WithId("Short");
        return ManualConfig.CreateMinimumViable()
            .AddJob(job)
            .AddColumn(StatisticColumn.Median, StatisticColumn.OperationsPerSecond)
            .AddExporter(MarkdownExporter.GitHub, JsonExporter.Full)
            .AddValidator(JitOptimizationsValidator.FailOnError) // a Debug build would measure the wrong code
            .WithArtifactsPath(artifactsPath);
    }
}

using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BenchmarkDotNet.Validators;

namespace ConformanceKit.Properties.Bench;

/// <summary>How the benchmarks run and where their reports go.</summary>
public static class BenchConfig
{
    public const int WarmupCount = 3;
    public const int IterationCount = 15;

    public static IConfig Create(string artifactsPath)
    {
        // In-process: BenchmarkDotNet would otherwise generate and build a project per benchmark, which
        // costs minutes on a 2-core machine and gains nothing here — the socket transport already puts
        // the dext in its own process, and the inproc one must load it into the measuring process anyway.
        // Fixed, small iteration counts keep the whole run within a few minutes: one operation is
        // hundreds of cases, so each iteration already averages over many.
        var job = Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(WarmupCount)
            .WithIterationCount(IterationCount)
            .WithId("Short");
        return ManualConfig.CreateMinimumViable()
            .AddJob(job)
            .AddColumn(StatisticColumn.OperationsPerSecond) // cases/s for PropertyCase
            .AddExporter(MarkdownExporter.GitHub, JsonExporter.Brief)
            .AddValidator(JitOptimizationsValidator.FailOnError) // a Debug build would measure the wrong code
            .WithArtifactsPath(artifactsPath);
    }
}

using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BenchmarkDotNet.Validators;
using Perfolizer.Horology;

namespace ConformanceKit.Bench;

/// <summary>
/// The BenchmarkDotNet configuration every benchmark project runs with (compiled into each: the
/// projects share no assembly); each project's BenchConfig chooses its counts, columns and JSON.
/// </summary>
public static class InProcessShortJob
{
    /// <param name="iterationTime">how long one iteration runs; null lets BenchmarkDotNet choose</param>
    public static IConfig Create(string artifactsPath, int warmupCount, int iterationCount, TimeInterval? iterationTime,
        IExporter json, params IColumn[] columns)
    {
        // In-process: BenchmarkDotNet would otherwise generate and build a project per benchmark, which
        // costs minutes on a 2-core machine and gains nothing here — the socket transports already put
        // the dext in its own process, and the in-process one must load it into the measuring process
        // anyway. Fixed, small iteration counts keep a whole run within a few minutes: each operation
        // already averages over many cases or executions.
        var job = Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(warmupCount)
            .WithIterationCount(iterationCount)
            .WithId("Short");
        if (iterationTime is { } time) job = job.WithIterationTime(time);
        return ManualConfig.CreateMinimumViable()
            .AddJob(job)
            .AddColumn(columns)
            .AddExporter(MarkdownExporter.GitHub, json)
            .AddValidator(JitOptimizationsValidator.FailOnError) // a Debug build would measure the wrong code
            .WithArtifactsPath(artifactsPath);
    }
}

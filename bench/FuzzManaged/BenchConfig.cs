using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Json;
using ConformanceKit.Bench;
using Perfolizer.Horology;

namespace ConformanceKit.Fuzz.Bench;

/// <summary>How the benchmarks run and where BenchmarkDotNet's own reports go (build/bench/fuzz-managed/).</summary>
public static class BenchConfig
{
    public const int WarmupCount = 3;
    public const int IterationCount = 10;

    /// <summary>A ShortRun-sized job: iterations of 250 ms, each already many executions.</summary>
    public static IConfig Create(string artifactsPath) =>
        InProcessShortJob.Create(artifactsPath, WarmupCount, IterationCount, TimeInterval.FromMilliseconds(250), JsonExporter.Full,
            StatisticColumn.Median, StatisticColumn.OperationsPerSecond);
}

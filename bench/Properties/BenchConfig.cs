using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Json;
using ConformanceKit.Bench;

namespace ConformanceKit.Properties.Bench;

/// <summary>How the benchmarks run and where their reports go.</summary>
public static class BenchConfig
{
    public const int WarmupCount = 3;
    public const int IterationCount = 15;

    /// <summary>One operation is hundreds of cases; operations per second are cases/s for PropertyCase.</summary>
    public static IConfig Create(string artifactsPath) =>
        InProcessShortJob.Create(artifactsPath, WarmupCount, IterationCount, iterationTime: null, JsonExporter.Brief,
            StatisticColumn.OperationsPerSecond);
}

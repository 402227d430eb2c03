using System.Text.Json;
using BenchmarkDotNet.Reports;

namespace ConformanceKit.Fuzz.Bench;

/// <summary>
/// bench/results/fuzz-managed/summary.json: the median of every benchmark case, what one workload
/// input asks of each transport, and the machine — the figures the campaign report prices an
/// execution with. Medians, not means: on a shared machine another process's burst moves the mean
/// far more (means and errors are in BenchmarkDotNet's own reports next to it).
/// </summary>
public static class ManagedSummary
{
    public sealed record Entry(string Benchmark, string Parameter, double MedianNs, double MeanNs);

    public sealed record Document(
        DateTimeOffset Date,
        string[] Host,
        string LoadBefore,
        string LoadAfter,
        int WorkloadInputs,
        double WorkloadMeanSteps,
        IReadOnlyDictionary<string, ExecProfile> WorkloadProfiles,
        IReadOnlyList<Entry> Entries)
    {
        /// <summary>The median of Type.Method for this parameter (e.g. "inproc/release", "fast"), in nanoseconds.</summary>
        public double? Median(string benchmark, string parameter = "") =>
            Entries.FirstOrDefault(e => e.Benchmark == benchmark && e.Parameter == parameter)?.MedianNs;
    }

    static readonly JsonSerializerOptions Options = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static void Write(string path, IReadOnlyList<Summary> summaries, string loadBefore, string loadAfter)
    {
        var entries = summaries.SelectMany(s => s.Reports)
            .Where(r => r.ResultStatistics is not null)
            .Select(r => new Entry(
                $"{r.BenchmarkCase.Descriptor.Type.Name}.{r.BenchmarkCase.Descriptor.WorkloadMethod.Name}",
                r.BenchmarkCase.Parameters.Items.Count > 0 ? r.BenchmarkCase.Parameters.Items[0].Value?.ToString() ?? "" : "",
                Math.Round(r.ResultStatistics!.Median, 1),
                Math.Round(r.ResultStatistics.Mean, 1)))
            .ToArray();
        var profiles = new Dictionary<string, ExecProfile>(StringComparer.Ordinal);
        foreach (var transport in BenchTransport.All)
        {
            using var opened = transport.Open();
            profiles[transport.ToString()] = ExecProfile.Measure(BenchInputs.Spec, opened, BenchInputs.Workload());
        }
        var document = new Document(DateTimeOffset.UtcNow, summaries[0].HostEnvironmentInfo.ToFormattedString().ToArray(),
            loadBefore, loadAfter, BenchInputs.PerOperation, BenchInputs.MeanSteps(), profiles, entries);
        File.WriteAllText(path, JsonSerializer.Serialize(document, Options));
    }

    public static Document? Read(string path) =>
        File.Exists(path) ? JsonSerializer.Deserialize<Document>(File.ReadAllText(path), Options) : null;
}

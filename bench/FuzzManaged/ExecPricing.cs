namespace ConformanceKit.Fuzz.Bench;

/// <summary>
/// Prices an <see cref="ExecProfile"/> with the BenchmarkDotNet medians of
/// <see cref="StepCostBenchmark"/> on one transport: how much of an execution each kind of transport
/// operation accounts for. Open and close are priced at half the measured open+close pair each, less
/// the share of a reset that benchmark carries.
/// </summary>
public static class ExecPricing
{
    public sealed record Share(string Operation, double PerExec, double NanosecondsEach, double NanosecondsPerExec);

    public static IReadOnlyList<Share> Price(ExecProfile profile, ManagedSummary.Document managed, string transport)
    {
        double? Cost(string operation) => operation switch
        {
            "Open" or "Close" => (managed.Median("StepCostBenchmark.OpenClose", transport)
                - managed.Median("StepCostBenchmark.Reset", transport) / StepCostBenchmark.OpensPerReset) / 2,
            "Reset" or "Call" or "TakeCompletions" or "Wait" or "LiveObjects" => managed.Median($"StepCostBenchmark.{operation}", transport),
            _ => null, // ReadLog, CountMatching: not benchmarked (a run reads logs only after a violation)
        };
        return profile.OperationsPerExec
            .Select(op => (op.Key, op.Value, Cost: Cost(op.Key)))
            .Where(op => op.Cost is not null)
            .Select(op => new Share(op.Key, op.Value, op.Cost!.Value, op.Value * op.Cost.Value))
            .OrderByDescending(s => s.NanosecondsPerExec)
            .ToArray();
    }
}

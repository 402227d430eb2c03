using System.Diagnostics;

namespace ConformanceKit.Properties.Bench;

/// <summary>
/// Where one case's time goes, measured on profiled runs of the workload: per transport operation kind,
/// how many a case makes and the time they take, and the case's whole time in the same runs. What the
/// transport does not account for is the harness's own work (FsCheck generation, the oracle, judging).
/// </summary>
public sealed record CaseProfile(
    BenchTarget Target,
    IReadOnlyDictionary<string, (double Count, double Microseconds)> PerCase,
    double CaseMicroseconds,
    double? SocketExchanges)
{
    /// <summary>Workload runs timed after one warm-up run: enough cases to average out a busy machine's spikes.</summary>
    public const int RunCount = 20;

    public double Operations => PerCase.Values.Sum(o => o.Count);

    public double TransportMicroseconds => PerCase.Values.Sum(o => o.Microseconds);

    public double HarnessMicroseconds => CaseMicroseconds - TransportMicroseconds;

    public static CaseProfile Measure(BenchTarget target)
    {
        var (spec, transport) = target.Open();
        using var timing = new TimingTransport(transport);
        var workload = new SuiteWorkload(spec, timing, target.StepByStep);
        workload.RunAndVerify();
        var before = timing.Operations;
        // Round trips to dexthost, counted by the transport itself: one RunProgram per case, whose
        // record answers the case's other operations.
        var socket = transport as Transports.Socket.SocketTransport;
        var exchangesBefore = socket?.Exchanges ?? 0;
        var clock = Stopwatch.StartNew();
        for (var run = 0; run < RunCount; run++) workload.Run();
        var elapsed = clock.Elapsed;
        const double cases = (double)RunCount * CaseBudget.Cases;
        var perCase = timing.Operations.ToDictionary(
            o => o.Key,
            o =>
            {
                var (count, time) = before.GetValueOrDefault(o.Key);
                return ((o.Value.Count - count) / cases, (o.Value.Time - time).TotalMicroseconds / cases);
            },
            StringComparer.Ordinal);
        return new CaseProfile(target, perCase, elapsed.TotalMicroseconds / cases,
            socket is null ? null : (socket.Exchanges - exchangesBefore) / cases);
    }
}

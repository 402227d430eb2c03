using ConformanceKit.Contracts.Campaigns;
using ConformanceKit.Contracts.Findings;
using ConformanceKit.Fuzz.Afl;

namespace ConformanceKit.Fuzz;

/// <summary>
/// What a campaign did and found: the figures of campaign.json and the finding folders. Untriaged:
/// crash inputs persisted in OUT/triage/inputs but not triaged within the budget (finished by
/// `conformancekit triage` or `fuzz --resume`). Interrupted: SIGINT or SIGTERM ended it early;
/// Started: false when that happened before the campaign began (during the builds) — then nothing was written.
/// KnownHits: the known findings the fuzz targets ran into (they do not crash the target; each one's
/// first input is triaged into a finding folder marked known).
/// </summary>
public sealed record CampaignResult(
    string Dext,
    FuzzVariant Variant,
    int Jobs,
    DateTimeOffset StartedAt,
    TimeSpan Elapsed,
    IReadOnlyList<FuzzerStats> Instances,
    IReadOnlyList<(FindingFile Record, string Folder)> Findings,
    int CrashInputs,
    int Unreproduced,
    int Untriaged = 0,
    bool Interrupted = false,
    DateTimeOffset? FuzzingEnded = null,
    bool Started = true,
    IReadOnlyList<KnownHit>? KnownHits = null)
{
    /// <summary>The known findings the fuzz targets ran into, by signature.</summary>
    public IReadOnlyList<KnownHit> KnownFindingsHit => KnownHits ?? [];

    public long Execs => Instances.Sum(i => i.Execs);

    /// <summary>Executions per second of wall time while fuzzing, all instances together.</summary>
    public double ExecsPerSecond => Elapsed.TotalSeconds > 0 ? Execs / FuzzingSeconds : 0;

    /// <summary>The main instance imports the others' queues, so the largest corpus is the campaign's.</summary>
    public long Paths => Instances.Count == 0 ? 0 : Instances.Max(i => i.Paths);

    double FuzzingSeconds
    {
        get
        {
            var starts = Instances.Where(i => i.Start is not null).Select(i => i.Start!.Value).ToArray();
            var begin = starts.Length > 0 ? starts.Min() : StartedAt;
            var end = FuzzingEnded ?? StartedAt + Elapsed;
            return Math.Max(1, (end - begin).TotalSeconds);
        }
    }
}

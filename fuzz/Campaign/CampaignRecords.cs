using System.Globalization;
using ConformanceKit.Contracts.Campaigns;
using ConformanceKit.Transports;

namespace ConformanceKit.Fuzz;

/// <summary>A campaign's result as the files that carry it (their format is in ConformanceKit.Contracts).</summary>
public static class CampaignRecords
{
    /// <summary>The figures shared by campaign.json and `fuzz --json`.</summary>
    public static CampaignFigures Figures(CampaignResult result) => new()
    {
        Dext = result.Dext,
        Variant = result.Variant.Name(),
        Transport = result.Variant.Transport().Name(),
        Jobs = result.Jobs,
        DurationSeconds = Math.Round(result.Elapsed.TotalSeconds, 1),
        Execs = result.Execs,
        ExecsPerSecond = Math.Round(result.ExecsPerSecond, 1),
        Paths = result.Paths,
        StartedAt = result.StartedAt.ToString("O", CultureInfo.InvariantCulture),
        CrashInputs = result.CrashInputs,
        Unreproduced = result.Unreproduced,
        Untriaged = result.Untriaged,
        Interrupted = result.Interrupted,
        KnownHits = result.KnownFindingsHit,
    };

    /// <summary>
    /// OUT/campaign.json, with what `conformancekit triage` and `fuzz --resume` need to continue the
    /// campaign without being told again: the dext folder, the spec and the per-call timeout.
    /// </summary>
    public static CampaignFile File(CampaignResult result, CampaignOptions options) => new(Figures(result), result.Findings.Count)
    {
        Instances = result.Instances.Select(i => new CampaignInstance(i.Instance, i.Execs, i.ExecsPerSecond, i.Paths, i.Crashes, i.Stability)).ToArray(),
        DextFolder = options.Target.Directory,
        Spec = options.Spec.SourcePath,
        CallTimeoutMs = (int)options.CallTimeout.TotalMilliseconds,
    };

    /// <summary>Writes OUT/campaign.json atomically.</summary>
    public static void Write(CampaignResult result, CampaignOptions options) => File(result, options).WriteIn(options.OutputDirectory);
}

using ConformanceKit.Contracts.Campaigns;
using ConformanceKit.Spec;
using ConformanceKit.Targets;

namespace ConformanceKit.Fuzz;

/// <summary>Everything a campaign needs to know, resolved and validated by the CLI.</summary>
public sealed record CampaignOptions(
    DextTarget Target,
    DispatchSpec Spec,
    string OutputDirectory,
    TimeSpan Duration,
    int Jobs,
    FuzzVariant Variant,
    bool Pin,
    bool Resume,
    bool NativeCoverage,
    TimeSpan CallTimeout,
    bool Fresh = false)
{
    /// <summary>AFL++'s sync directory: one sub-folder per instance (main, sec1, ...).</summary>
    public string AflDirectory => Path.Combine(OutputDirectory, "afl");
    public string SeedDirectory => Path.Combine(OutputDirectory, "seeds");
    public string DictionaryPath => Path.Combine(OutputDirectory, "dictionary.dict");
    public string FindingsDirectory => Path.Combine(OutputDirectory, "findings");
    public string TriageDirectory => Path.Combine(OutputDirectory, "triage");

    /// <summary>The known findings the fuzz targets ran into: their first inputs and the targets' tallies (<see cref="KnownHitsFile"/>).</summary>
    public string KnownDirectory => KnownHitsFile.FolderIn(OutputDirectory);

    /// <summary>Every crash or hang input, persisted before anything else happens to it: the triage queue.</summary>
    public string InputsDirectory => Path.Combine(TriageDirectory, "inputs");

    /// <summary>
    /// How long triage may go on once afl-fuzz has stopped at the end of the budget: 15 s, or a tenth
    /// of the budget when that is longer. What is still queued then stays queued (OUT/triage/inputs)
    /// for `conformancekit triage` or `fuzz --resume`.
    /// </summary>
    public TimeSpan TriageGrace => TimeSpan.FromTicks(Math.Max(MinimumGrace.Ticks, Duration.Ticks / 10));

    public static readonly TimeSpan MinimumGrace = TimeSpan.FromSeconds(15);

    /// <summary>Where --fresh moves an earlier campaign: OUT-previous/&lt;UTC time&gt;/ beside OUT (never deleted).</summary>
    public string PreviousDirectory(DateTimeOffset now) =>
        Path.Combine(OutputDirectory.TrimEnd(Path.DirectorySeparatorChar) + "-previous",
            now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>True when OUT holds a campaign: its campaign.json or AFL++'s main instance folder.</summary>
    public static bool HoldsCampaign(string outputDirectory) =>
        File.Exists(CampaignFile.PathIn(outputDirectory)) || Directory.Exists(Path.Combine(outputDirectory, "afl", "main"));
}

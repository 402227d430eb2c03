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

    /// <summary>Where --fresh moves an earlier campaign: OUT-previous/&lt;UTC time&gt;/ beside OUT (never deleted).</summary>
    public string PreviousDirectory(DateTimeOffset now) =>
        Path.Combine(OutputDirectory.TrimEnd(Path.DirectorySeparatorChar) + "-previous",
            now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture));
}

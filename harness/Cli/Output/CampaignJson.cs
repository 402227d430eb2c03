using ConformanceKit.Fuzz;
using ConformanceKit.Spec;

namespace ConformanceKit.Cli.Output;

/// <summary>
/// The document `fuzz --json` (and `triage --json`) writes and `summary` reads: the campaign's figures
/// (as in OUT/campaign.json), its distinct findings, and the spec's known findings. Untriaged: crash
/// inputs still queued in OUT/triage/inputs (the budget ran out); Interrupted: SIGINT or SIGTERM
/// stopped the campaign. Both are optional when read, so files written before them still read.
/// </summary>
public sealed record CampaignJson(
    string Dext,
    string Variant,
    string Transport,
    int Jobs,
    double DurationSeconds,
    long Execs,
    double ExecsPerSecond,
    long Paths,
    string StartedAt,
    int CrashInputs,
    int Unreproduced,
    IReadOnlyList<CampaignJson.FindingEntry> Findings,
    IReadOnlyList<KnownJson>? KnownFindings,
    int Untriaged = 0,
    bool Interrupted = false)
{
    public sealed record FindingEntry(string Rule, uint? Selector, string Kind, string Signature, string Reproducer, bool Known, int Hits, string Folder);

    public static CampaignJson From(CampaignResult result, DispatchSpec spec) => new(
        result.Dext, result.Variant.Name(), result.Variant.Transport(), result.Jobs, Math.Round(result.Elapsed.TotalSeconds, 1),
        result.Execs, Math.Round(result.ExecsPerSecond, 1), result.Paths,
        result.StartedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture), result.CrashInputs, result.Unreproduced,
        result.Findings.Select(f => new FindingEntry(f.Record.Rule, f.Record.Selector, f.Record.Kind, f.Record.Signature,
            File.ReadAllText(Path.Combine(f.Folder, "reproducer.txt")), f.Record.Known, f.Record.Hits, f.Folder)).ToArray(),
        KnownJson.From(spec), result.Untriaged, result.Interrupted);
}

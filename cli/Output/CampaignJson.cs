using ConformanceKit.Contracts.Campaigns;
using ConformanceKit.Contracts.Findings;
using ConformanceKit.Fuzz;
using ConformanceKit.Spec;

namespace ConformanceKit.Cli.Output;

/// <summary>The document `fuzz --json` (and `triage --json`) writes and `summary` reads (<see cref="CampaignSummary"/>).</summary>
public static class CampaignJson
{
    public static CampaignSummary From(CampaignResult result, DispatchSpec spec) =>
        new(CampaignRecords.Figures(result), result.Findings.Select(f => new CampaignSummary.Entry(f.Record.Rule, f.Record.Selector, f.Record.Kind,
            f.Record.Signature, File.ReadAllText(Path.Combine(f.Folder, FindingFolderFiles.Reproducer)), f.Record.Known, f.Record.Hits, f.Folder)).ToArray())
        {
            KnownFindings = KnownJson.From(spec),
        };
}

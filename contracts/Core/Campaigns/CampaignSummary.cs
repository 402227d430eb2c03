using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using ConformanceKit.Contracts.Check;

namespace ConformanceKit.Contracts.Campaigns;

/// <summary>
/// The document `fuzz --json` and `triage --json` write and `summary` reads: the campaign's figures
/// (as in campaign.json), its distinct findings with their reproducers, and the spec's known findings
/// (so that a summary can tell "exactly the known findings" without the spec).
/// </summary>
public sealed record CampaignSummary : CampaignFigures
{
    [JsonConstructor]
    public CampaignSummary()
    {
    }

    [SetsRequiredMembers]
    public CampaignSummary(CampaignFigures figures, IReadOnlyList<Entry> findings) : base(figures)
    {
        Findings = findings;
    }

    [JsonPropertyOrder(1)]
    public required IReadOnlyList<Entry> Findings { get; init; }

    [JsonPropertyOrder(1)]
    public IReadOnlyList<KnownEntry>? KnownFindings { get; init; }

    /// <summary>A finding of the campaign: its finding.json's key fields, its reproducer's text and its folder.</summary>
    public sealed record Entry(string Rule, uint? Selector, string Kind, string Signature, string Reproducer, bool Known, int Hits, string Folder);
}

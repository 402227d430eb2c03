using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace ConformanceKit.Contracts.Campaigns;

/// <summary>
/// <c>OUT/campaign.json</c>: a fuzz campaign's figures, how many distinct findings it has, each
/// afl-fuzz instance's figures and — since `conformancekit triage` and `fuzz --resume` continue a
/// campaign without being told again — the dext folder, the spec and the per-call timeout. Written by
/// fuzz/, read by `fuzz --resume`, `triage`, the reports exporter, the bench and scripts.
/// </summary>
public sealed record CampaignFile : CampaignFigures
{
    public const string FileName = "campaign.json";

    [JsonConstructor]
    public CampaignFile()
    {
    }

    [SetsRequiredMembers]
    public CampaignFile(CampaignFigures figures, int findings) : base(figures)
    {
        Findings = findings;
    }

    /// <summary>Distinct findings (folders under OUT/findings).</summary>
    [JsonPropertyOrder(1)]
    public required int Findings { get; init; }

    [JsonPropertyOrder(1)]
    public IReadOnlyList<CampaignInstance> Instances { get; init; } = [];

    [JsonPropertyOrder(1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DextFolder { get; init; }

    [JsonPropertyOrder(1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Spec { get; init; }

    [JsonPropertyOrder(1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? CallTimeoutMs { get; init; }

    public static string PathIn(string outputDirectory) => Path.Combine(outputDirectory, FileName);

    public void WriteIn(string outputDirectory) => ContractJson.Write(PathIn(outputDirectory), this);

    /// <summary>The campaign.json of a campaign folder, or null when there is none.</summary>
    /// <exception cref="ContractException">it is there but unreadable or not a campaign.json.</exception>
    public static CampaignFile? ReadIn(string outputDirectory) =>
        File.Exists(PathIn(outputDirectory)) ? Read(PathIn(outputDirectory)) : null;

    /// <exception cref="ContractException">missing, unreadable or not a campaign.json.</exception>
    public static CampaignFile Read(string path) => ContractJson.Read<CampaignFile>(path);
}

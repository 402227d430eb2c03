namespace ConformanceKit.Reports.Export.Fuzz;

/// <summary>
/// <c>OUT/campaign.json</c> of a fuzz campaign (the contract with fuzz/): which dext and build, how
/// long, how much work, how many distinct findings.
/// </summary>
public sealed record CampaignFile(
    string Dext,
    string Variant,
    string Transport,
    int Jobs,
    double DurationSeconds,
    long Execs,
    double ExecsPerSecond,
    long Paths,
    string StartedAt,
    int Findings);

namespace ConformanceKit.Reports.Export.Fuzz;

/// <summary>
/// <c>OUT/findings/&lt;slug&gt;/finding.json</c> (the contract with fuzz/): the rule a program broke,
/// its stable signature, whether the spec lists it as known, the verdict, and how to replay it.
/// <paramref name="FirstSeen"/> (ISO 8601) is optional: without it, the time finding.json was written stands in.
/// </summary>
public sealed record FindingFile(
    string Rule,
    uint? Selector,
    string Signature,
    bool Known,
    string Expected,
    string Observed,
    int StepIndex,
    string Dext,
    string Replay,
    string? Why = null,
    string? FirstSeen = null);

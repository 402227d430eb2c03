namespace ConformanceKit.Reports.Export.Fuzz;

/// <summary>
/// <c>OUT/findings/&lt;slug&gt;/finding.json</c> (the contract with fuzz/): the rule a program broke,
/// its stable signature, whether the spec lists it as known, the verdict, and how to replay it.
/// <paramref name="FirstSeen"/> (ISO 8601) is optional: without it, the time finding.json was written stands in.
/// <paramref name="Kind"/> is absent in folders written before the fuzzer recorded it; the signature's tail stands in.
/// </summary>
public sealed record FindingFile(
    string Rule,
    uint? Selector,
    string Signature,
    bool Known,
    string Expected,
    string Observed,
    string Dext,
    string Replay,
    string? Why = null,
    string? FirstSeen = null,
    string? Kind = null,
    int? Step = null,
    int? StepIndex = null)
{
    /// <summary>The step, numbered from 1 (files written before finding.json said "step" had a 0-based "stepIndex").</summary>
    public int StepNumber => Step ?? (StepIndex ?? 0) + 1;
}

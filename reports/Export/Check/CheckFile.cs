namespace ConformanceKit.Reports.Export.Check;

/// <summary>Status of a rule or row in a check summary.</summary>
public enum CheckStatus { Held, Failed, NotApplicable, NotJudged }

/// <summary>
/// The JSON `conformancekit check --json` writes (harness/Cli/Output/CheckJson.cs and FindingJson.cs),
/// read back: the run's settings, one entry per rule with a row per selector, and the findings.
/// </summary>
public sealed record CheckFile(
    string Dext,
    string Spec,
    string Transport,
    string Variant,
    int Seed,
    int Cases,
    long DurationMs,
    bool AllHeld,
    IReadOnlyList<CheckFile.RuleEntry> Rules,
    IReadOnlyList<CheckFile.FindingEntry> Findings)
{
    public sealed record RuleEntry(string Id, CheckStatus Status, IReadOnlyList<RowEntry> Selectors, string? Reason = null, bool ByDesign = false);

    /// <param name="Reached">Programs the dext served a step of; null in files written before it was recorded.</param>
    /// <param name="Calls">Calls that reached the dext's ExternalMethod; null in older files.</param>
    /// <param name="ByDesign">A not-judged row the chosen transport cannot judge (the user's choice), as opposed to programs that never reached the dext.</param>
    public sealed record RowEntry(uint? Selector, string? Name, CheckStatus Status, int Programs, string? Note, int? Reached = null, long? Calls = null,
        bool ByDesign = false);

    public sealed record FindingEntry(
        string Rule,
        uint? Selector,
        string Signature,
        string Title,
        bool Known,
        string Kind,
        int Step,
        string Expected,
        string Observed,
        string Reproducer,
        string? SanitizerReport = null,
        string? Folder = null,
        string? Replay = null);
}

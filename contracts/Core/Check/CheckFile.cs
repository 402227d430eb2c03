namespace ConformanceKit.Contracts.Check;

/// <summary>
/// The JSON `conformancekit check --json` writes, read by `summary` and the reports exporter: the
/// run's settings, one entry per rule with a row per selector, the findings, the spec's known
/// findings, and how many of the applicable rules were judged. A not-judged row says why; ByDesign
/// tells the transport's documented limits (which do not fail the run) from programs that never
/// reached the dext. KnownFindings, JudgedRules and ApplicableRules are absent in older files.
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
    IReadOnlyList<FindingEntry> Findings,
    IReadOnlyList<KnownEntry>? KnownFindings = null,
    int? JudgedRules = null,
    int? ApplicableRules = null)
{
    public sealed record RuleEntry(string Id, RuleStatus Status, IReadOnlyList<RowEntry> Selectors, string? Reason = null, bool ByDesign = false);

    /// <param name="Programs">Programs generated and run for this row (shrinking included).</param>
    /// <param name="Reached">Of those, programs the dext served at least one step of; null in files written before it was recorded.</param>
    /// <param name="Calls">Calls that reached the dext's ExternalMethod in those programs; null in older files.</param>
    /// <param name="Note">Why the row does not apply or was not judged.</param>
    public sealed record RowEntry(uint? Selector, string? Name, RuleStatus Status, int Programs, int? Reached, long? Calls, string? Note, bool ByDesign = false);

    /// <exception cref="ContractException">unreadable, or not a check summary.</exception>
    public static CheckFile Read(string path) => ContractJson.Read<CheckFile>(path, Upgrade);

    /// <summary>Reads <paramref name="text"/>, the content of <paramref name="path"/>.</summary>
    /// <exception cref="ContractException">not a check summary.</exception>
    public static CheckFile Parse(string path, string text) => ContractJson.Parse<CheckFile>(path, text, Upgrade);

    public void Write(string path) => ContractJson.Write(path, this);

    /// <summary>Rows written before "reached" and "calls" were recorded read as null there (not recorded).</summary>
    static void Upgrade(System.Text.Json.Nodes.JsonObject document)
    {
        foreach (var rule in document["rules"] as System.Text.Json.Nodes.JsonArray ?? [])
            foreach (var row in rule?["selectors"] as System.Text.Json.Nodes.JsonArray ?? [])
                if (row is System.Text.Json.Nodes.JsonObject fields)
                {
                    fields.TryAdd("reached", null);
                    fields.TryAdd("calls", null);
                }
    }
}

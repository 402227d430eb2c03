using System.Text.Json.Nodes;

namespace ConformanceKit.Contracts.Findings;

/// <summary>
/// <c>OUT/findings/&lt;slug&gt;/finding.json</c>: one distinct finding of a fuzz campaign, written by
/// triage (fuzz/) and read by `fuzz --resume`, `triage`, `replay`, the reports exporter and the bench.
/// The rule a program broke, the selector, the kind of violation, its stable signature (rule|selector|kind),
/// whether the spec lists it as known (and why), the verdict at which step (numbered from 1), when it
/// was first seen, the command that replays it, how many crash inputs showed it and the first of them.
/// </summary>
public sealed record FindingFile(
    string Rule,
    uint? Selector,
    string Kind,
    string Signature,
    bool Known,
    string? Why,
    string Expected,
    string Observed,
    int Step,
    DateTimeOffset? FirstSeen,
    string Dext,
    string Replay,
    int Hits = 1,
    string? FirstInput = null)
{
    public const string FileName = "finding.json";

    public static string PathIn(string folder) => Path.Combine(folder, FileName);

    /// <summary>Writes the finding.json of <paramref name="folder"/> atomically.</summary>
    public void WriteTo(string folder) => ContractJson.Write(PathIn(folder), this);

    /// <summary>The finding.json of <paramref name="folder"/>, whatever version of ConformanceKit wrote it.</summary>
    /// <exception cref="ContractException">missing, unreadable, or not a finding record.</exception>
    public static FindingFile ReadFrom(string folder) => ContractJson.Read<FindingFile>(PathIn(folder), Upgrade);

    /// <summary>The finding.json of <paramref name="folder"/>, or null when it is missing or unusable (the folder is still a finding: its files stay).</summary>
    public static FindingFile? TryReadFrom(string folder)
    {
        try
        {
            return ReadFrom(folder);
        }
        catch (ContractException)
        {
            return null;
        }
    }

    /// <summary>
    /// Older finding.json files: before "kind" was recorded it is the signature's last part
    /// (rule|selector|kind); before "step" (numbered from 1) there was "stepIndex" (from 0). A record
    /// without "firstSeen" (written by hand, or by a tool) still reads: readers fall back on the file's time.
    /// </summary>
    static void Upgrade(JsonObject document)
    {
        document.TryAdd("firstSeen", null);
        if (!document.ContainsKey("kind") && document["signature"] is JsonValue signature && signature.TryGetValue<string>(out var text))
            document["kind"] = text.Split('|', 3)[^1];
        if (!document.ContainsKey("step") && document["stepIndex"] is JsonValue index && index.TryGetValue<int>(out var zeroBased))
            document["step"] = zeroBased + 1;
        document.Remove("stepIndex");
    }
}

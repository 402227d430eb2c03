using System.Text.Json.Serialization;

namespace ConformanceKit.Contracts.Check;

/// <summary>
/// A finding in the `check --json` and `replay --json` summaries: the rule, selector and kind, the
/// signature, a title, whether the spec knows it, the verdict at which step, the reproducer's text and,
/// when there is one, the sanitizer's report, its finding folder, the command that replays it and the
/// violations that followed it in the same program.
/// </summary>
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
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SanitizerReport = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Folder = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Replay = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Consequences = null);

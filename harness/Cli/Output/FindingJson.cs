using System.Text.Json.Serialization;
using ConformanceKit.Runner;
using ConformanceKit.Spec;

namespace ConformanceKit.Cli.Output;

/// <summary>A finding in the machine-readable summaries of check, replay and fuzz.</summary>
public sealed record FindingJson(
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
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Consequences = null)
{
    /// <param name="dextSources">The identity of the dext's sources (<c>DextTarget.Sources</c>), named in the reproducer's header.</param>
    /// <param name="replay">The complete, quoted command that replays the reproducer (see <see cref="ReplayCommandLine"/>).</param>
    public static FindingJson From(Finding finding, DispatchSpec spec, string? dextSources, string? replay, string? folder = null) => new(
        finding.Rule, finding.Selector, finding.Signature, finding.Title(spec.SelectorName),
        finding.IsKnownIn(spec), finding.Violation.Kind, finding.Violation.Step,
        finding.Violation.Expected, finding.Violation.Observed, finding.Reproducer(spec.SelectorName, dextSources), finding.SanitizerReport, folder, replay,
        finding.Consequences is { Count: > 0 } later ? later.Select(v => v.ToString()).ToArray() : null);
}

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
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Folder = null)
{
    public static FindingJson From(Finding finding, DispatchSpec spec, string? folder = null) => new(
        finding.Rule, finding.Selector, finding.Signature, finding.Title(spec.SelectorName),
        spec.IsKnown(finding.Rule, finding.Selector), finding.Violation.Kind, finding.Violation.StepIndex + 1,
        finding.Violation.Expected, finding.Violation.Observed, finding.Reproducer(spec.SelectorName), finding.SanitizerReport, folder);
}

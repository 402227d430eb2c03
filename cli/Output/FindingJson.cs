using ConformanceKit.Contracts.Check;
using ConformanceKit.Runner;
using ConformanceKit.Spec;

namespace ConformanceKit.Cli.Output;

/// <summary>A finding in the machine-readable summaries of check and replay (<see cref="FindingEntry"/>).</summary>
public static class FindingJson
{
    /// <param name="dextSources">The identity of the dext's sources (<c>DextTarget.Sources</c>), named in the reproducer's header.</param>
    /// <param name="replay">The complete, quoted command that replays the reproducer (see <see cref="ReplayCommandLine"/>).</param>
    public static FindingEntry From(Finding finding, DispatchSpec spec, string? dextSources, string? replay, string? folder = null) => new(
        finding.Rule, finding.Selector, finding.Signature, finding.Title(spec.SelectorName),
        finding.IsKnownIn(spec), finding.Violation.Kind, finding.Violation.Step,
        finding.Violation.Expected, finding.Violation.Observed, finding.Reproducer(spec.SelectorName, dextSources), finding.SanitizerReport, folder, replay,
        finding.Consequences is { Count: > 0 } later ? later.Select(v => v.ToString()).ToArray() : null);
}

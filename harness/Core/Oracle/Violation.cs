namespace ConformanceKit.Oracle;

/// <summary>
/// One broken rule, found at a step of a program. Kind is a short stable word for the way it broke
/// (e.g. "scalarInput", "missing-completion", "heap-buffer-overflow"); it is part of the finding's
/// signature, so it must not contain run-specific values.
/// </summary>
public sealed record Violation(
    string Rule,
    int StepIndex,
    uint? Selector,
    string Kind,
    string Expected,
    string Observed)
{
    /// <summary>
    /// The step as users see it, everywhere (reproducer, verdict.txt, finding.json, check JSON,
    /// report): numbered from 1 in program order; one past the last step means the closes of the
    /// connections a program left open, as an app exiting would close them.
    /// </summary>
    public int Step => StepIndex + 1;

    public override string ToString() =>
        $"{Rule} at step {Step}{(Selector is { } s ? $" (selector {s})" : "")}: expected {Expected}; observed {Observed}";
}

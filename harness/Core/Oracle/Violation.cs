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
    public override string ToString() =>
        $"{Rule} at step {StepIndex + 1}{(Selector is { } s ? $" (selector {s})" : "")}: expected {Expected}; observed {Observed}";
}

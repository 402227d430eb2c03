using ConformanceKit.IOKit;

namespace ConformanceKit.Oracle;

/// <summary>
/// A completion the model expects: owed by the call at StepIndex, due in [DueNs, LatestNs]. An Own one
/// (a selector with async: own) is the call's own, at any time, with any status and arguments.
/// </summary>
public sealed record OwedCompletion(int StepIndex, uint Selector, ulong DueNs, ulong LatestNs, IOReturn Status, ulong[] Args, ulong Refcon,
    bool Own = false)
{
    public string Describe() => Own
        ? $"at most one completion for step {StepIndex + 1} (selector {Selector}) with refcon={Refcon}"
        : $"one completion for step {StepIndex + 1} (selector {Selector}) with refcon={Refcon} status={Status} args=[{string.Join(", ", Args)}] between {Spec.Durations.Format(DueNs)} and {Spec.Durations.Format(LatestNs)}";
}

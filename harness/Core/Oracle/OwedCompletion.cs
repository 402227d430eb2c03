using ConformanceKit.IOKit;

namespace ConformanceKit.Oracle;

/// <summary>A completion the model expects: owed by the call at StepIndex, due in [DueNs, LatestNs].</summary>
public sealed record OwedCompletion(int StepIndex, uint Selector, ulong DueNs, ulong LatestNs, IOReturn Status, ulong[] Args, ulong Refcon)
{
    public string Describe() =>
        $"one completion for step {StepIndex + 1} (selector {Selector}) with refcon={Refcon} status={Status} args=[{string.Join(", ", Args)}] between {Spec.Durations.Format(DueNs)} and {Spec.Durations.Format(LatestNs)}";
}

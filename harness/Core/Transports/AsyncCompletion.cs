using ConformanceKit.IOKit;

namespace ConformanceKit.Transports;

/// <summary>One async completion as the app's callback receives it.</summary>
public sealed record AsyncCompletion(ulong Callback, ulong Refcon, IOReturn Status, ulong[] Arguments, ulong TimeNs)
{
    public override string ToString() =>
        $"refcon={Refcon} status={Status} args=[{string.Join(", ", Arguments)}] at {Spec.Durations.Format(TimeNs)}";
}

using ConformanceKit.Spec;

namespace ConformanceKit.Oracle;

/// <summary>
/// objects.balance: with no connection open, once pending timers have had time to run out, every
/// live-object counter is back at its value before the first open. The runner takes the baseline
/// after the reset, lets <see cref="SettleNs"/> pass on a virtual clock, and hands over the counters
/// each time the last connection closes; each imbalance is reported once.
/// </summary>
public sealed class BalanceJudge(DispatchSpec spec)
{
    IReadOnlyDictionary<string, long>? _baseline;

    /// <summary>How long a timer the dext armed may still run after the last close: the async delay and its leeway, and one more nanosecond.</summary>
    public ulong SettleNs { get; } = (spec.Async?.DelayNs ?? 0) + (spec.Async?.LeewayNs ?? 0) + 1;

    /// <summary>Whether there is a baseline to judge against (none when the transport cannot count live objects).</summary>
    public bool HasBaseline => _baseline is not null;

    /// <summary>Starts a run: the counters before the first open, or null when they cannot be read.</summary>
    public void Reset(IReadOnlyDictionary<string, long>? baseline) => _baseline = baseline;

    /// <summary>
    /// Judges the counters read with no connection open. After the device was unplugged the dext's
    /// services on it and what they held are gone, so fewer objects than before is expected then
    /// (<paramref name="deviceGone"/>): only more is a leak.
    /// </summary>
    public void Judge(IReadOnlyDictionary<string, long> now, int stepIndex, List<Violation> sink, bool deviceGone = false)
    {
        if (_baseline is null) return;
        var leaked = new List<string>();
        foreach (var (name, count) in now)
        {
            var before = _baseline.GetValueOrDefault(name);
            if (count > before || (count < before && !deviceGone)) leaked.Add($"{name} {before}->{count}");
        }
        foreach (var (name, before) in _baseline)
            if (!now.ContainsKey(name) && before != 0 && !deviceGone) leaked.Add($"{name} {before}->0");
        if (leaked.Count == 0) return;
        leaked.Sort(StringComparer.Ordinal); // counters come in no particular order; this also orders the kind's names
        var kind = "leak:" + string.Join("+", leaked.Select(l => l[..l.IndexOf(' ', StringComparison.Ordinal)]));
        sink.Add(new Violation(Rules.ObjectsBalance, stepIndex, null, kind,
            "live objects back at their counts before the first open", string.Join(", ", leaked)));
        _baseline = now; // report each imbalance once
    }
}

using ConformanceKit.Programs;
using ConformanceKit.Spec;
using ConformanceKit.Spec.Expressions;
using ConformanceKit.Transports;

namespace ConformanceKit.Oracle;

/// <summary>
/// async.delivery and the delivery half of async.register-before-request: every accepted
/// completion-owing call yields exactly one completion to the registered callback, with the spec's
/// status and arguments, within [delay, delay + leeway] of the call; nothing else arrives.
/// </summary>
public sealed class AsyncJudge(DispatchSpec spec, bool timed)
{
    /// <summary>How late a completion may be on a real clock, beyond the leeway (scheduling, IPC).</summary>
    const ulong RealClockSlackNs = 1_000_000_000;

    readonly AsyncSpec? _async = spec.Async;

    public void Owe(ConnectionModel connection, CallStep call, int stepIndex, ulong nowNs)
    {
        if (_async is null || connection.CallbackRefcon is not { } refcon) return;
        var args = new ulong[_async.Args.Length];
        var inputs = new ExprInputs(call.ScalarInput.AsSpan(), call.StructInput.AsSpan());
        for (var k = 0; k < args.Length; k++) args[k] = _async.Args[k].Evaluate(inputs);
        var due = nowNs + _async.DelayNs;
        connection.Owed.Add(new OwedCompletion(stepIndex, call.Selector, due, due + _async.LeewayNs, _async.Status, args, refcon));
    }

    /// <summary>An accepted call of an async: own selector may complete itself once, whenever.</summary>
    public static void OweOwn(ConnectionModel connection, CallStep call, int stepIndex)
    {
        if (call.Async is not { } reference) return;
        connection.Owed.Add(new OwedCompletion(stepIndex, call.Selector, 0, ulong.MaxValue, IOKit.IOReturn.Success, [], reference.Refcon, Own: true));
    }

    /// <summary>
    /// Matches what arrived on a connection against what it is owed. <paramref name="deviceStep"/>: it
    /// arrived during a device step, so with async.deviceEvents an unowed completion to the registered
    /// callback is the device's event.
    /// </summary>
    /// <returns>How many completions it judged — arrived and compared, unexpected, or missing — not counting
    /// those of async: own calls (any status, any time) and the device's events: async.delivery's evidence.</returns>
    public int Judge(ConnectionModel connection, IReadOnlyList<AsyncCompletion> arrived, int stepIndex, ulong nowNs, List<Violation> sink,
        bool deviceStep = false)
    {
        var judged = 0;
        foreach (var completion in arrived)
        {
            var own = connection.Owed.FindIndex(o => o.Own && o.Refcon == completion.Refcon);
            if (own >= 0)
            {
                connection.Owed.RemoveAt(own); // its own call's completion: any status, any time
                continue;
            }
            if (connection.Owed.Count(o => !o.Own) == 0)
            {
                if (deviceStep && _async?.DeviceEvents == true && connection.CallbackRefcon == completion.Refcon) continue;
                judged++;
                // Without a register selector there is nothing to be "before": a completion no call
                // is owed (a second one for an own call) is simply unexpected.
                var beforeRegister = connection.CallbackRefcon is null && spec.RegisterSelector is not null;
                sink.Add(new Violation(
                    beforeRegister ? Rules.AsyncRegisterBeforeRequest : Rules.AsyncDelivery, stepIndex, null,
                    beforeRegister ? "delivered-before-register" : "unexpected-completion",
                    beforeRegister ? "no completion before a callback is registered" : "no completion (none is owed)",
                    completion.ToString()));
                continue;
            }
            var owed = BestMatch(connection.Owed.Where(o => !o.Own).ToList(), completion);
            connection.Owed.Remove(owed);
            Compare(owed, completion, stepIndex, sink);
            judged++;
        }
        for (var k = connection.Owed.Count - 1; k >= 0; k--)
        {
            var owed = connection.Owed[k];
            if (nowNs <= owed.LatestNs + (timed ? 0 : RealClockSlackNs)) continue;
            connection.Owed.RemoveAt(k);
            sink.Add(new Violation(Rules.AsyncDelivery, owed.StepIndex, owed.Selector, "missing-completion",
                owed.Describe(), $"nothing by {Spec.Durations.Format(nowNs)}"));
            judged++;
        }
        return judged;
    }

    /// <summary>The oldest owed completion with the same arguments, else the oldest one.</summary>
    static OwedCompletion BestMatch(List<OwedCompletion> owed, AsyncCompletion completion)
    {
        foreach (var candidate in owed)
            if (candidate.Args.AsSpan().SequenceEqual(completion.Arguments) && candidate.Status == completion.Status)
                return candidate;
        return owed[0];
    }

    void Compare(OwedCompletion owed, AsyncCompletion completion, int stepIndex, List<Violation> sink)
    {
        string? kind = null;
        if (completion.Refcon != owed.Refcon) kind = "wrong-refcon";
        else if (completion.Status != owed.Status) kind = "wrong-status";
        else if (!completion.Arguments.AsSpan().SequenceEqual(owed.Args)) kind = "wrong-args";
        else if (timed && completion.TimeNs < owed.DueNs) kind = "early";
        else if (timed && completion.TimeNs > owed.LatestNs) kind = "late";
        if (kind is not null)
            sink.Add(new Violation(Rules.AsyncDelivery, owed.StepIndex, owed.Selector, kind, owed.Describe(), completion.ToString()));
    }
}

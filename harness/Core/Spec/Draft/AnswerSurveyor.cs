using System.Collections.Immutable;
using ConformanceKit.IOKit;
using ConformanceKit.Transports;

namespace ConformanceKit.Spec.Draft;

/// <summary>
/// Calls every selector that has a dispatch entry (the async protocol's roles aside) well-shaped, from a
/// freshly booted dext, and tells why one is refused (<see cref="SelectorAnswers"/>). Only a refusal a
/// circumstance explains becomes a mayReturn: in the draft — whitelisting every error a well-shaped call
/// got would make dispatch.accept hold by construction:
/// <list type="bullet">
/// <item>the device had sent no data: the same call succeeds once the device has sent some (a control
/// read that times out without an answer);</item>
/// <item>kIOReturnBadArgument for a count or size 0 the entry leaves variable, when a non-zero one
/// succeeds (the handler checks what its entry does not: an empty write);</item>
/// <item>a call of its own is pending: a call that takes a completion, made again on the connection
/// before the first completed (kIOReturnBusy for a second read).</item>
/// </list>
/// A call that takes a completion and then completes through it, with its own reference, while no
/// callback was registered completes itself (async: own): the clock is run, and on a device the device
/// sends data, for the completion to come. Inferred, not read: the draft says so.
/// </summary>
public static class AnswerSurveyor
{
    const ulong FirstRefcon = 0x4004, SecondRefcon = 0x5005;

    /// <summary>
    /// What the device sends when its data is wanted: zeros, the least surprising answer — the draft
    /// explains refusals; finding what malicious data does is check's and fuzz's work.
    /// </summary>
    static readonly byte[] DeviceData = new byte[4096];

    /// <summary>Whether the dext started on a simulated device (its personality's IOProviderClass is a device class): the runtime says so by letting it be unplugged.</summary>
    public static bool OnDevice(IDextTransport transport)
    {
        if (transport.Capability<ISimulatedDevice>() is not { } device) return false;
        transport.Reset();
        var onDevice = device.UnplugDevice().IsSuccess;
        transport.Reset(); // plugged back in
        return onDevice;
    }

    /// <param name="async">The async protocol observed, if any: its register and requests are judged by the async rules, not here.</param>
    public static IReadOnlyList<SelectorAnswers> Survey(IDextTransport transport, DispatchSurvey survey, AsyncSurvey? async, bool onDevice)
    {
        var device = onDevice ? transport.Capability<ISimulatedDevice>() : null;
        var answers = new List<SelectorAnswers>();
        foreach (var seen in survey.Selectors)
        {
            if (seen.Entry is not { HasFunction: true } entry || seen.Crash is not null) continue;
            if (async is not null && (async.Register == seen.Selector || async.Requests.Contains(seen.Selector))) continue;
            try
            {
                answers.Add(new Asking(transport, survey, device, entry).Answers());
            }
            catch (Exception e) when (e is DextCrashedException or DextHungException)
            {
                // A well-shaped call that crashes or hangs the dext is memory.safety's to find and shrink; nothing to explain here.
            }
        }
        transport.Reset();
        return answers;
    }

    /// <summary>One selector's calls: each question from a reset, on a fresh connection.</summary>
    sealed class Asking(IDextTransport transport, DispatchSurvey survey, ISimulatedDevice? device, DispatchEntry entry)
    {
        /// <summary>The entry requires a completion (checkCompletionExists true); one that allows either way is called without.</summary>
        readonly bool _takesCompletion = entry.CheckCompletionExists != 0 && entry.CheckCompletionExists != DispatchEntry.Variable;

        public SelectorAnswers Answers()
        {
            var selector = (uint)entry.Selector;
            var first = Fresh(feed: false, nonZero: false, out var connection);
            if (!first.IsSuccess)
            {
                transport.Close(connection);
                return Explain(first) is { } why
                    ? new SelectorAnswers(selector, [new ObservedRefusal(first, why)], false, null)
                    : new SelectorAnswers(selector, [], false, first);
            }
            try
            {
                if (!_takesCompletion) return new SelectorAnswers(selector, [], false, null);
                var second = Call(connection, nonZero: false, SecondRefcon);
                ImmutableArray<ObservedRefusal> refusals = second.IsSuccess ? [] : [new ObservedRefusal(second, "a call of its own was pending")];
                return new SelectorAnswers(selector, refusals, CompletesItself(connection), null);
            }
            finally
            {
                transport.Close(connection);
            }
        }

        /// <summary>The circumstance under which the refused call succeeds, in words; null when none does.</summary>
        string? Explain(IOReturn refused)
        {
            var variable = VariableDimensions();
            if (device is not null && Succeeds(feed: true, nonZero: false)) return "the device had sent no data";
            if (refused == IOReturn.BadArgument && variable.Length > 0 && (Succeeds(feed: false, nonZero: true) || device is not null && Succeeds(feed: true, nonZero: true)))
                return $"{string.Join(" and ", variable)} {(variable.Length > 1 ? "were" : "was")} 0, which its entry lets through";
            return null;
        }

        bool Succeeds(bool feed, bool nonZero)
        {
            var result = Fresh(feed, nonZero, out var connection);
            transport.Close(connection);
            return result.IsSuccess;
        }

        /// <summary>Whether the first call's completion comes, with its own reference: after the clock runs, or once the device sent data.</summary>
        bool CompletesItself(ulong connection)
        {
            var arrived = new List<AsyncCompletion>();
            transport.Wait(AsyncSurveyor.Horizon);
            transport.TakeCompletions(connection, arrived);
            if (device is not null && !arrived.Any(c => c.Refcon == FirstRefcon))
            {
                device.FeedDevice(DeviceData);
                transport.Wait(AsyncSurveyor.Horizon);
                transport.TakeCompletions(connection, arrived);
            }
            return arrived.Any(c => c.Refcon == FirstRefcon);
        }

        IOReturn Fresh(bool feed, bool nonZero, out ulong connection)
        {
            transport.Reset();
            if (!transport.Open(survey.Service, survey.ConnectionType, [.. survey.AccessIds], out connection).IsSuccess)
                throw new SurveyException($"opening {survey.Service} failed while its selectors' answers were observed: {transport.LastError()}");
            if (feed) device!.FeedDevice(DeviceData);
            return Call(connection, nonZero, FirstRefcon);
        }

        /// <summary>The entry's shape; its variable counts and sizes 0, or with nonZero 1 scalar and 8 bytes.</summary>
        IOReturn Call(ulong connection, bool nonZero, ulong refcon) =>
            transport.Call(connection, (uint)entry.Selector, _takesCompletion ? SurveyReference.With(refcon) : [],
                new ulong[Math.Min(Count(entry.CheckScalarInputCount, nonZero, 1), IOKitLimits.MaxScalars)], new byte[Count(entry.CheckStructureInputSize, nonZero, 8)],
                new ulong[Math.Min(Count(entry.CheckScalarOutputCount, nonZero, 1), IOKitLimits.MaxScalars)], new byte[Count(entry.CheckStructureOutputSize, nonZero, 8)]).Return;

        /// <summary>A count or size the entry checks is the entry's (scalars at most the 16 IOKit passes); a variable one 0, or the given non-zero value.</summary>
        static int Count(uint check, bool nonZero, int whenVariable) =>
            check == DispatchEntry.Variable ? (nonZero ? whenVariable : 0) : (int)new ShapeSize(check).Nominal;

        string[] VariableDimensions() =>
        [
            .. new (uint Check, string Name)[]
            {
                (entry.CheckScalarInputCount, "scalarInput"), (entry.CheckStructureInputSize, "structInput"),
                (entry.CheckScalarOutputCount, "scalarOutput"), (entry.CheckStructureOutputSize, "structOutput"),
            }.Where(d => d.Check == DispatchEntry.Variable).Select(d => d.Name),
        ];
    }
}

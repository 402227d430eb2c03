using System.Collections.Immutable;
using System.Globalization;
using ConformanceKit.IOKit;
using ConformanceKit.Runner;
using ConformanceKit.Transports;

namespace ConformanceKit.Spec.Draft;

/// <summary>
/// Observes a dext's async protocol on the simulator's virtual clock (<see cref="AsyncSurvey"/>), from the
/// selectors whose dispatch entry accepts a completion: each is called with a completion on a fresh
/// connection; one that is served there (the register) and after which others that were refused are
/// served (the requests) makes the protocol. Then, three times from a reset (clock 0) with other inputs,
/// the register and then a request are called, the clock run for <see cref="Horizon"/> after each: the
/// completions tell whether each owes one, the delay, the status and the arguments. An argument that is the same in the three
/// runs is a constant; one that moves with an input word is that word plus a constant; any other is left
/// to the user (null). Inferred, not read: the draft says so.
/// </summary>
public static class AsyncSurveyor
{
    /// <summary>How long the clock runs for completions to come: longer than any delay seen in a dext (NullDriver's is 5 s).</summary>
    public static readonly ulong Horizon = 60UL * 1_000_000_000;

    const ulong RegisterRefcon = 0x1001, RequestRefcon = 0x2002;

    /// <summary>Requests made at most, looking for a limit: past the largest burst the property suite and the fuzzer make.</summary>
    const int LimitProbe = 1024;

    /// <summary>Further requests that must get the same refusal before it is taken for a limit.</summary>
    const int LimitConfirmations = 3;

    /// <summary>Null when no selector registers (a pair served register-then-request, or one that requires a completion and owes one), or the transport has no virtual clock.</summary>
    /// <param name="crash">What the dext died of while it was observed, and what was seen until then (the draft says so); else null.</param>
    public static AsyncSurvey? Survey(IDextTransport transport, DispatchSurvey survey, out AsyncSurveyCrash? crash)
    {
        crash = null;
        var observer = new Observer(transport, survey);
        try
        {
            return observer.Roles();
        }
        catch (DextCrashedException e)
        {
            // A dext that dies in its async protocol has a bug there (memory.safety); the draft leaves the protocol as a TODO.
            crash = observer.Crashed(CrashSignature.Kind(e));
        }
        catch (DextHungException e)
        {
            crash = observer.Crashed(CrashSignature.Kind(e));
        }
        return null;
    }

    /// <summary>One survey: the transport, the connection it opens, and what it is doing (for a crash's report).</summary>
    sealed class Observer(IDextTransport transport, DispatchSurvey survey)
    {
        readonly string[] _accessIds = [.. survey.AccessIds];
        readonly List<uint> _servedFresh = [];
        uint _selector;
        string _doing = "";

        public AsyncSurveyCrash Crashed(string kind) => new(_selector, kind, _doing, [.. _servedFresh]);

        public AsyncSurvey? Roles()
        {
            if (!transport.HasVirtualClock) return null;
            var entries = survey.Selectors.Where(s => s.Entry is { HasFunction: true } e && e.CheckCompletionExists != 0).Select(s => s.Entry!).ToArray();
            if (entries.Length == 0) return null;
            var fresh = new Dictionary<uint, IOReturn>();
            foreach (var entry in entries)
            {
                fresh[(uint)entry.Selector] = Fresh(entry);
                if (fresh[(uint)entry.Selector].IsSuccess) _servedFresh.Add((uint)entry.Selector);
            }
            foreach (var register in entries.Where(e => fresh[(uint)e.Selector].IsSuccess))
            {
                var served = entries.Where(q => !fresh[(uint)q.Selector].IsSuccess && ServedAfter(register, q)).ToArray();
                if (served.Length == 0) continue;
                return Observe(register, served);
            }
            // No request: a selector that requires a completion and owes one is a register alone (HiddenCrashDriver's Watch).
            foreach (var register in entries.Where(e => e.CheckCompletionExists != DispatchEntry.Variable && fresh[(uint)e.Selector].IsSuccess))
                if (Observe(register, []) is { RegisterCompletes: true } alone) return alone;
            return null;
        }

        IOReturn Fresh(DispatchEntry entry) =>
            OnFreshConnection(connection => Call(connection, entry, Inputs(0), RegisterRefcon, "called with a completion on a fresh connection"));

        bool ServedAfter(DispatchEntry register, DispatchEntry request) =>
            OnFreshConnection(connection =>
                Call(connection, register, Inputs(0), RegisterRefcon, "called with a completion on a fresh connection").IsSuccess
                && Call(connection, request, Inputs(0), RequestRefcon, $"called with a completion after selector {register.Selector}").IsSuccess);

        /// <summary>
        /// A completion may come through the registered callback whatever call owes it (NullDriver's do), so each
        /// call is observed alone: the register from a reset (clock 0), then a request after the register's own
        /// completions were taken (clock <see cref="Horizon"/>).
        /// </summary>
        AsyncSurvey? Observe(DispatchEntry register, DispatchEntry[] requests)
        {
            var request = requests.FirstOrDefault();
            var refused = requests.Select(Fresh).Distinct().ToImmutableArray();
            var registerRuns = new List<(ulong[] Inputs, List<AsyncCompletion> Completions)>();
            var requestRuns = new List<(ulong[] Inputs, List<AsyncCompletion> Completions)>();
            foreach (var seed in (int[])[0, 1, 2])
            {
                var inputs = Inputs(seed);
                var ok = OnFreshConnection(connection =>
                {
                    var byRegister = new List<AsyncCompletion>();
                    var byRequest = new List<AsyncCompletion>();
                    if (!Call(connection, register, inputs, RegisterRefcon, "called with a completion").IsSuccess) return false;
                    Wait(connection, byRegister, $"the virtual clock run {Durations.Format(Horizon)} after selector {register.Selector} was called with a completion");
                    if (request is not null)
                    {
                        if (!Call(connection, request, inputs, RequestRefcon, $"called with a completion after selector {register.Selector}").IsSuccess) return false;
                        Wait(connection, byRequest, $"the virtual clock run {Durations.Format(Horizon)} after selector {request.Selector} was called with a completion");
                    }
                    registerRuns.Add((inputs, byRegister));
                    requestRuns.Add((inputs, byRequest));
                    return true;
                }, reset: true);
                if (!ok) return null;
            }
            var registerCompletes = registerRuns.All(r => r.Completions.Count == 1);
            var requestsComplete = request is not null && requestRuns.All(r => r.Completions.Count == 1);
            var requestSelectors = requests.Select(q => (uint)q.Selector).ToImmutableArray();
            if (!registerCompletes && !requestsComplete)
                return new AsyncSurvey((uint)register.Selector, false, requestSelectors, false, refused, 0, IOReturn.Success, []);
            // The request's completions say what a completion carries when requests owe one (they are the protocol's point); else the register's.
            var (entry, runs, calledAt) = requestsComplete ? (request!, requestRuns, Horizon) : (register, registerRuns, 0UL);
            var completions = runs.Select(r => r.Completions[0]).ToArray();
            var args = Enumerable.Range(0, completions.Min(c => c.Arguments.Length))
                .Select(k => Expression(entry, runs.Select(r => r.Inputs).ToArray(), completions.Select(c => c.Arguments[k]).ToArray()))
                .ToImmutableArray();
            return new AsyncSurvey((uint)register.Selector, registerCompletes, requestSelectors, requestsComplete, refused,
                completions[0].TimeNs - calledAt, completions[0].Status, args)
            {
                Limit = requestsComplete ? PendingLimit(register, request!, registerCompletes) : null,
            };
        }

        /// <summary>
        /// How many completions a connection may have owed: from a reset, the register and then the request again
        /// and again with the clock stopped, until it is refused — and stays refused (<see cref="LimitConfirmations"/>
        /// more calls), so that a refusal that comes and goes is not taken for a limit. Null when none came within
        /// <see cref="LimitProbe"/> requests.
        /// </summary>
        LimitsSpec? PendingLimit(DispatchEntry register, DispatchEntry request, bool registerCompletes)
        {
            try
            {
                return FillUntilRefused(register, request, registerCompletes);
            }
            catch (Exception e) when (e is DextCrashedException or DextHungException)
            {
                // Filling the queue broke the dext: check's bursts find and shrink that; the protocol observed stands.
                return null;
            }
        }

        LimitsSpec? FillUntilRefused(DispatchEntry register, DispatchEntry request, bool registerCompletes) =>
            OnFreshConnection(connection =>
            {
                if (!Call(connection, register, Inputs(0), RegisterRefcon, "called with a completion").IsSuccess) return null;
                var owed = registerCompletes ? 1u : 0u;
                for (var k = 0; k < LimitProbe; k++)
                {
                    var result = Call(connection, request, Inputs(0), RequestRefcon + (ulong)k, $"called again with {owed} completions owed");
                    if (result.IsSuccess)
                    {
                        owed++;
                        continue;
                    }
                    for (var again = 0; again < LimitConfirmations; again++)
                        if (Call(connection, request, Inputs(0), RequestRefcon, $"called again past a refusal with {owed} completions owed") != result) return null;
                    return new LimitsSpec(owed, result);
                }
                return null;
            }, reset: true);

        void Wait(ulong connection, List<AsyncCompletion> into, string doing)
        {
            _doing = doing;
            transport.Wait(Horizon);
            transport.TakeCompletions(connection, into);
        }

        IOReturn Call(ulong connection, DispatchEntry entry, ulong[] words, ulong refcon, string doing)
        {
            _selector = (uint)entry.Selector;
            _doing = $"selector {entry.Selector} {doing}";
            var scalars = words.AsSpan(0, (int)Math.Min(Nominal(entry.CheckScalarInputCount), IOKitLimits.MaxScalars));
            var structure = new byte[Nominal(entry.CheckStructureInputSize)];
            for (var j = 0; (j + 1) * 8 <= structure.Length; j++) BitConverter.TryWriteBytes(structure.AsSpan(j * 8), words[j]);
            return transport.Call(connection, (uint)entry.Selector, SurveyReference.With(refcon), scalars, structure,
                new ulong[Nominal(entry.CheckScalarOutputCount)], new byte[Nominal(entry.CheckStructureOutputSize)]).Return;
        }

        T OnFreshConnection<T>(Func<ulong, T> use, bool reset = false)
        {
            if (reset) transport.Reset();
            if (!transport.Open(survey.Service, survey.ConnectionType, _accessIds, out var connection).IsSuccess)
                throw new SurveyException($"opening {survey.Service} failed while observing its async protocol: {transport.LastError()}");
            try
            {
                return use(connection);
            }
            finally
            {
                _doing = $"the connection closed after selector {_selector} was called";
                transport.Close(connection);
            }
        }
    }

    /// <summary>The argument as a constant or an input word plus a constant, when all runs agree; null otherwise.</summary>
    static string? Expression(DispatchEntry entry, ulong[][] inputs, ulong[] values)
    {
        if (values.All(v => v == values[0])) return values[0].ToString(CultureInfo.InvariantCulture);
        var words = new List<(string Name, int Index)>();
        for (var j = 0; j < (int)Math.Min(Nominal(entry.CheckScalarInputCount), IOKitLimits.MaxScalars); j++) words.Add(($"in.scalar[{j}]", j));
        for (var j = 0; j < (int)Nominal(entry.CheckStructureInputSize) / 8; j++) words.Add(($"in.u64[{j}]", j));
        foreach (var (name, index) in words)
        {
            var offset = values[0] - inputs[0][index];
            if (Enumerable.Range(0, values.Length).All(r => values[r] == inputs[r][index] + offset))
                return offset == 0 ? name : $"{name} + {offset.ToString(CultureInfo.InvariantCulture)}";
        }
        return null;
    }

    /// <summary>Input words of a run: the same word feeds scalars and structure words, so a formula over either is seen; run 0 is all zeros.</summary>
    static ulong[] Inputs(int seed) =>
        [.. Enumerable.Range(0, 4096 / 8).Select(j => seed == 0 ? 0UL : (ulong)(j + 1) * (seed == 1 ? 0x1000UL : 0x35000UL) + (ulong)seed * 7)];

    static uint Nominal(uint check) => new ShapeSize(check).Nominal;
}

using ConformanceKit.IOKit;
using ConformanceKit.Oracle;
using ConformanceKit.Programs;
using ConformanceKit.Properties.Generators;
using ConformanceKit.Spec;
using FsCheck;
using FsCheck.Fluent;

namespace ConformanceKit.Properties.Catalog;

/// <summary>
/// The conformance suite of a dext, generated from its spec: one property per rule, per selector
/// where the rule is about a selector. The same catalog runs under NUnit (properties/Tests) and in
/// `conformancekit check`.
/// </summary>
public static class RuleCatalog
{
    static readonly ulong[] AsyncWaits = [8_000_000_000];

    /// <summary>Why memory.safety cannot be judged without crash isolation.</summary>
    public const string NoSanitizerInProcess = "no sanitizer in-process; use --transport socket";

    public static IReadOnlyList<RuleTarget> For(DispatchSpec spec, TransportAbilities abilities)
    {
        var targets = new List<RuleTarget>();
        foreach (var entry in spec.Selectors)
        {
            targets.Add(!entry.Checked
                ? new RuleTarget(Rules.DispatchShape, entry, null, "unchecked selector: malformed shapes are held to memory.safety only")
                : entry.AcceptsEveryShape
                    ? new RuleTarget(Rules.DispatchShape, entry, null, "its entry checks nothing (completion any, every count and size variable): no shape is malformed")
                    : Target(Rules.DispatchShape, entry, DispatchShape(spec, entry)));
        }
        foreach (var entry in spec.Selectors) targets.Add(Target(Rules.DispatchAccept, entry, DispatchAccept(spec, entry)));
        targets.Add(Target(Rules.SelectorRange, null, SelectorRange(spec)));
        foreach (var entry in spec.Selectors)
            targets.Add(abilities.IsolatesCrashes
                ? Target(Rules.MemorySafety, entry, MemorySafety(spec, entry))
                : new RuleTarget(Rules.MemorySafety, entry, null, null, NoSanitizerInProcess));
        // Dext-wide: the async protocol and connection lifecycle (completions through freed actions,
        // use-after-free in Stop), and the home of any crash that is not on one of the table's selectors.
        targets.Add(abilities.IsolatesCrashes
            ? Target(Rules.MemorySafety, null, MemorySafetyProtocol(spec))
            : new RuleTarget(Rules.MemorySafety, null, null, null, NoSanitizerInProcess));

        var requests = spec.Selectors.Where(s => s.Role == AsyncRole.Request).ToArray();
        if (requests.Length == 0)
            targets.Add(new RuleTarget(Rules.AsyncRegisterBeforeRequest, null, null, "the spec declares no async request selector"));
        foreach (var request in requests) targets.Add(Target(Rules.AsyncRegisterBeforeRequest, request, RegisterBeforeRequest(spec, request)));

        var completing = spec.Selectors.Where(s => s.Completes).ToArray();
        if (completing.Length == 0)
            targets.Add(new RuleTarget(Rules.AsyncDelivery, null, null, "the spec declares no selector that owes a completion"));
        foreach (var entry in completing) targets.Add(Target(Rules.AsyncDelivery, entry, AsyncDelivery(spec, entry)));

        targets.Add(abilities.ObservesObjects
            ? Target(Rules.ObjectsBalance, null, ObjectsBalance(spec))
            : new RuleTarget(Rules.ObjectsBalance, null, null, null, "live-object counters are not observable through this transport"));
        targets.Add(abilities.ChoosesEntitlements
            ? Target(Rules.AccessEntitlement, null, AccessEntitlement(spec))
            : new RuleTarget(Rules.AccessEntitlement, null, null, null, "the client's entitlements are the harness's own code signature on a real Mac"));
        foreach (var rule in (string[])[Rules.DeviceStoppedIO, Rules.DeviceDmaBalance])
            targets.Add(spec.Device is null
                ? new RuleTarget(rule, null, null, "the spec has no device: section")
                : abilities.DrivesDevice
                    ? Target(rule, null, DeviceRule(spec, rule))
                    : new RuleTarget(rule, null, null, null, "a real device cannot be driven by the harness"));
        // No property: ConformanceCheck compares the spec with the dispatch entries once, before the programs run.
        targets.Add(new RuleTarget(Rules.SpecDispatch, null, null, null,
            abilities.SeesDispatchEntries ? null : "the dispatch entries a dext passes are seen only in the simulator"));
        if (spec.Hid is null)
            targets.Add(new RuleTarget(Rules.HidReports, null, null, "the spec has no hid: section"));
        else
            targets.Add(abilities.ObservesHid
                ? Target(Rules.HidReports, null, HidProperty.For(spec))
                : new RuleTarget(Rules.HidReports, null, null, null, "HID reports go to the system's HID stack, out of the harness's sight"));
        return targets;
    }

    static RuleTarget Target(string rule, SelectorSpec? entry, RuleProperty property) => new(rule, entry, property, null);

    static Program Open(params Step[] steps) => new([new OpenStep(0, ClientAccess.AsEntitled), .. steps]);

    /// <summary>Calls that make the entry usable first: a registered callback for a request selector.</summary>
    static Step[] Prelude(DispatchSpec spec, SelectorSpec entry) =>
        entry.Role == AsyncRole.Request && spec.RegisterSelector is { } register
            ? [WellShapedFixed(register, data: 1, refcon: 100)]
            : [];

    static CallStep WellShapedFixed(SelectorSpec entry, byte data, ulong refcon, bool? completion = null)
    {
        var withCompletion = completion ?? entry.Completion == CompletionRule.Required;
        return CallGen.Declared(entry, 0, withCompletion, data, refcon);
    }

    /// <summary>The well-shaped call with one dimension moved to each of its boundaries.</summary>
    static IEnumerable<CallStep> OneDimensionOff(SelectorSpec entry)
    {
        var good = WellShapedFixed(entry, data: 1, refcon: 1);
        if (entry.Completion != CompletionRule.Any)
            yield return good with { Async = good.Async is null ? new AsyncReference(1) : null };
        var shape = entry.Shape;
        foreach (var count in Neighbours(shape.ScalarInput, IOKitLimits.MaxScalars))
            yield return good with { ScalarInput = ProgramData.Scalars((int)count, 1) };
        foreach (var size in Neighbours(shape.StructInput, IOKitLimits.MaxInbandStruct))
            yield return good with { StructInput = ProgramData.Bytes((int)size, 1) };
        foreach (var count in Neighbours(shape.ScalarOutput, IOKitLimits.MaxScalars))
            yield return good with { ScalarOutputCapacity = count };
        foreach (var size in Neighbours(shape.StructOutput, IOKitLimits.MaxInbandStruct))
            yield return good with { StructOutputCapacity = size };
    }

    /// <summary>The declared value's neighbours, IOKit's limit for the dimension and one past it, and 16 (the scalar limit, a small size).</summary>
    static IEnumerable<uint> Neighbours(ShapeSize declared, uint limit)
    {
        if (declared.IsVariable) yield break;
        var n = declared.Value;
        foreach (var candidate in new[] { 0u, 1u, n - 1, n + 1, (uint)IOKitLimits.MaxScalars, limit, limit + 1 }.Distinct())
            if (candidate != n && candidate != uint.MaxValue) yield return candidate;
    }

    static RuleProperty DispatchShape(DispatchSpec spec, SelectorSpec entry)
    {
        var prelude = Prelude(spec, entry);
        var sweep = OneDimensionOff(entry).Select(call => Open([.. prelude, call])).ToArray();
        var generator =
            from calls in Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(Gen.Frequency((3, CallGen.Malformed(entry)), (1, CallGen.WellShaped(entry))), n))
            select Open([.. prelude, .. calls]);
        return new RuleProperty(Rules.DispatchShape, entry, generator, sweep);
    }

    static RuleProperty DispatchAccept(DispatchSpec spec, SelectorSpec entry)
    {
        var prelude = Prelude(spec, entry);
        var sweep = new[] { (byte)0, (byte)1, (byte)0xFF, (byte)0x80 }
            .Select(data => Open([.. prelude, WellShapedFixed(entry, data, refcon: 1)]))
            .Concat(CallGen.Examples(entry).Select(example => Open([.. prelude, example])))
            // The same call again and again on one connection, with new inputs each time: the third call of a kind;
            // for a call that owes a completion, past the pending completions a connection may have (limits:, else
            // the usual queue sizes), where the refusal is the documented one or a finding.
            .Concat(BurstCounts(spec, entry).Select(count => Open([.. prelude, .. Bursts.Of(WellShapedFixed(entry, 1, refcon: 1), count, entry)])))
            .ToArray();
        var generator =
            from calls in Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(CallGen.WellShaped(entry), n))
            select Open([.. prelude, .. calls]);
        return new RuleProperty(Rules.DispatchAccept, entry, generator, sweep);
    }

    static IEnumerable<int> BurstCounts(DispatchSpec spec, SelectorSpec entry)
    {
        int[] counts = [3, 17];
        if (!entry.Completes) return counts;
        int[] past = spec.Limits is { } limits ? [(int)limits.PendingCompletions + 1] : [65, Bursts.Largest];
        return counts.Concat(past).Distinct();
    }

    static RuleProperty SelectorRange(DispatchSpec spec)
    {
        var empty = new SelectorShape(new ShapeSize(0), new ShapeSize(0), new ShapeSize(0), new ShapeSize(0));
        var sweep = new[] { spec.SelectorLimit, spec.SelectorLimit + 1, 0xFFFFFFFFu, 0x80000000u }
            .Where(s => spec.Find(s) is null)
            .Select(s => Open(CallGen.Build(s, 0, false, 0, 0, 0, 0, 0, 1)))
            .ToArray();
        var call = ShapeGen.OutOfRangeSelector(spec).SelectMany(selector => CallGen.AnyShape(selector, empty));
        var generator = Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(call, n)).Select(calls => Open([.. calls]));
        return new RuleProperty(Rules.SelectorRange, null, generator, sweep);
    }

    /// <summary>Data bytes of well-shaped calls: zeros, all ones, values near the top (where +1 wraps), small and large patterns.</summary>
    static readonly byte[] VariedContents = [0x00, 0xFF, 0x80, 0xFE, 0x01, 0x7F, 0x41];

    static RuleProperty MemorySafety(DispatchSpec spec, SelectorSpec entry)
    {
        var prelude = Prelude(spec, entry);
        var extra = new List<CallStep>();
        var good = WellShapedFixed(entry, data: 1, refcon: 1);
        foreach (var size in (uint[])[1, 7, 15, .. IOKitBoundaries.AtInbandLimit])
            extra.Add(good with { StructInput = ProgramData.Bytes((int)size, 1) });
        for (var capacity = IOKitBoundaries.FirstOutOfLineSize; capacity <= IOKitBoundaries.SampleOversizedStruct + 1; capacity++)
            extra.Add(good with { StructOutputCapacity = capacity });
        // A template's message with each field off in turn, one byte short and one long: the header
        // checks themselves (a length one past the payload, a payload past its bound).
        if (entry.Template is { } template)
            for (var k = 0; k < TemplateMessages.CorruptionCount(template); k++)
                extra.Add(good with { StructInput = TemplateMessages.Build(template, TemplateMessages.CorruptChoices(template, k, 1)) });
        var malformed = OneDimensionOff(entry).Concat(extra).Distinct().Select(call => Open([.. prelude, call]));
        // The normal path is where one-byte overflows and use-after-free live: the declared shape with
        // varied contents, once and then the same call again on the same connection (a second call
        // reuses what the first freed or left behind), and once more after closing and reopening.
        var wellShaped = VariedContents.SelectMany(data =>
        {
            var call = WellShapedFixed(entry, data, refcon: 1);
            return new[]
            {
                Open([.. prelude, call]),
                Open([.. prelude, call, call, call]),
                Open([.. prelude, call, new CloseStep(0), new OpenStep(0, ClientAccess.AsEntitled), .. prelude, call]),
            };
        });
        // Memory the dext shares with its app, written hostile before the well-shaped call (MemoryGen).
        var sharedMemory = MemoryGen.SweepPreludes().Select(memory => Open([.. prelude, .. memory, good]));
        // The device answering with boundary values around the call, interrupting, going away (DeviceGen).
        var device = spec.Device is { } described
            ? DeviceGen.Around(described, good, WaitAfter(spec)).Select(steps => Open([.. prelude, .. steps]))
            : [];
        var sweep = wellShaped.Concat(malformed).Concat(sharedMemory).Concat(device).ToArray();
        var anyCall = Gen.Frequency((3, CallGen.AnyShape(entry)), (2, CallGen.WellShaped(entry)));
        var calls = Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(anyCall, n));
        var generator = Gen.Frequency(
            (4, from some in calls select Open([.. prelude, .. some])),
            (1, from memory in MemoryGen.Prelude() from some in calls select Open([.. prelude, .. memory, .. some])),
            (spec.Device is null ? 0 : 2, DeviceCalls(spec, anyCall).Select(some => Open([.. prelude, .. some]))));
        return new RuleProperty(Rules.MemorySafety, entry, generator, sweep);
    }

    /// <summary>
    /// memory.safety of the async protocol and the connection lifecycle: register, request, wait past
    /// the delay, close — and the orders that free what a pending completion or timer still uses
    /// (close with a request pending, then wait; register twice; request, close, reopen, request).
    /// </summary>
    static RuleProperty MemorySafetyProtocol(DispatchSpec spec)
    {
        var wait = new WaitStep(WaitAfter(spec));
        var sweep = new List<Program> { Open(new CloseStep(0)), Open(new CloseStep(0), new OpenStep(0, ClientAccess.AsEntitled), new CloseStep(0)) };
        if (spec.RegisterSelector is { } register)
        {
            var registerCall = WellShapedFixed(register, 1, 1);
            sweep.Add(Open(registerCall, wait, new CloseStep(0)));
            sweep.Add(Open(registerCall, new CloseStep(0), wait));
            sweep.Add(Open(registerCall, WellShapedFixed(register, 2, 2), wait, new CloseStep(0)));
            foreach (var request in spec.Selectors.Where(s => s.Role == AsyncRole.Request))
            {
                var requestCall = WellShapedFixed(request, 3, 3);
                sweep.Add(Open(registerCall, requestCall, wait, new CloseStep(0)));
                sweep.Add(Open(registerCall, requestCall, new CloseStep(0), wait));
                sweep.Add(Open(registerCall, requestCall, requestCall, wait, requestCall, new CloseStep(0), wait));
                sweep.Add(Open(registerCall, requestCall, new CloseStep(0), new OpenStep(0, ClientAccess.AsEntitled), requestCall, wait));
                if (spec.Device is not null) // the device goes away with the request in flight
                    sweep.Add(Open(registerCall, requestCall, new UnplugStep(), wait, new CloseStep(0)));
            }
        }
        // A selector that keeps its completion outside the protocol's roles (async: own, or required with no
        // role declared): its completion comes, or the connection closes first, while something may be freed.
        sweep.AddRange(Filled(spec).Select(program => new Program([.. program.Steps.SkipLast(1), wait, new CloseStep(0)])));
        foreach (var keeper in spec.Selectors.Where(s => s.Role == AsyncRole.Own && s.Completion != CompletionRule.Forbidden || s.Role == AsyncRole.None && s.Completion == CompletionRule.Required))
        {
            var call = WellShapedFixed(keeper, 4, 4, completion: true);
            sweep.Add(Open(call, wait, new CloseStep(0)));
            sweep.Add(Open(call, new CloseStep(0), wait));
        }
        return new RuleProperty(Rules.MemorySafety, null, ProtocolGen.Programs(spec), sweep);
    }

    static RuleProperty RegisterBeforeRequest(DispatchSpec spec, SelectorSpec request)
    {
        var others = spec.Selectors.Where(s => s.Role == AsyncRole.None && s.Completion != CompletionRule.Required).ToArray();
        var wait = new WaitStep(WaitAfter(spec));
        var sweep = new List<Program>
        {
            Open(WellShapedFixed(request, 1, 1, completion: false), wait),
        };
        if (request.Completion != CompletionRule.Forbidden) sweep.Add(Open(WellShapedFixed(request, 1, 1, completion: true), wait));
        var before = others.Length == 0
            ? Gen.Constant(Array.Empty<CallStep>())
            : Gen.Choose(0, 2).SelectMany(n => Gen.ArrayOf(Gen.Elements(others).SelectMany(e => CallGen.WellShaped(e)), n));
        var generator =
            from prefix in before
            from requests in Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(CallGen.WellShaped(request), n))
            from waitNs in Gen.Elements(0UL, WaitAfter(spec))
            select Open([.. prefix, .. requests, new WaitStep(waitNs)]);
        return new RuleProperty(Rules.AsyncRegisterBeforeRequest, request, generator, sweep);
    }

    static ulong WaitAfter(DispatchSpec spec) => (spec.Async?.DelayNs ?? 0) + (spec.Async?.LeewayNs ?? 0) + 1_000_000_000;

    static RuleProperty AsyncDelivery(DispatchSpec spec, SelectorSpec entry)
    {
        var register = spec.RegisterSelector!;
        var wait = new WaitStep(WaitAfter(spec));
        var armedOnce = entry.Role == AsyncRole.RegisterCallback
            ? Open(WellShapedFixed(register, 1, 1), wait)
            : Open(WellShapedFixed(register, 1, 1), wait, WellShapedFixed(entry, 2, 2), wait);
        var armedTwice = entry.Role == AsyncRole.RegisterCallback
            ? Open(WellShapedFixed(register, 1, 1), WellShapedFixed(register, 2, 2), wait)
            : Open(WellShapedFixed(register, 1, 1), wait, WellShapedFixed(entry, 2, 2), WellShapedFixed(entry, 3, 3), wait);
        List<Program> sweep = [armedOnce, armedTwice];
        if (entry.Role == AsyncRole.Request && spec.Async is { DelayNs: > 0 } async)
        {
            // A second request while the first is pending, a fraction of the delay after it; then a wait past every deadline.
            foreach (var gap in (ulong[])[async.DelayNs / 4, async.DelayNs / 2, async.DelayNs - 1])
                sweep.Add(Open(WellShapedFixed(register, 1, 1), wait, WellShapedFixed(entry, 2, 2), new WaitStep(gap), WellShapedFixed(entry, 3, 3), wait));
        }
        return new RuleProperty(Rules.AsyncDelivery, entry, ProtocolGen.Programs(spec), sweep);
    }

    static RuleProperty ObjectsBalance(DispatchSpec spec)
    {
        var sweep = new List<Program> { Open(new CloseStep(0)) };
        if (spec.RegisterSelector is { } register)
        {
            sweep.Add(Open(WellShapedFixed(register, 1, 1), new CloseStep(0)));
            sweep.Add(Open(WellShapedFixed(register, 1, 1), WellShapedFixed(register, 2, 2), new CloseStep(0)));
        }
        sweep.AddRange(Filled(spec));
        return new RuleProperty(Rules.ObjectsBalance, null, ProtocolGen.Programs(spec), sweep);
    }

    /// <summary>
    /// Every selector but the register called in bursts past the sizes a per-connection queue or table has
    /// (<see cref="Bursts"/>: 65, 257), then the connection closed: the refusal beyond the limit and its error
    /// path run, and what they leave behind shows in the balance.
    /// </summary>
    static IEnumerable<Program> Filled(DispatchSpec spec) =>
        from entry in spec.Selectors.Where(s => s.Role != AsyncRole.RegisterCallback)
        from count in new[] { 65, Bursts.Largest }
        select Open([.. Prelude(spec, entry), .. Bursts.Of(WellShapedFixed(entry, 1, 1), count, entry), new CloseStep(0)]);

    static RuleProperty AccessEntitlement(DispatchSpec spec)
    {
        ClientAccess[] accesses =
        [
            ClientAccess.AsEntitled, ClientAccess.Nothing,
            new ClientAccess.Listed(new[] { "com.example.not-this-dext" }),
            new ClientAccess.Listed(new[] { "com.example.other", (spec.BundleIdentifier ?? "com.example.dext") + ".suffix" }),
        ];
        var sweep = accesses.Select(access => new Program([new OpenStep(0, access), new CloseStep(0)])).ToArray();
        var anyCall = Gen.Elements(spec.Selectors.ToArray()).SelectMany(e => CallGen.WellShaped(e));
        var generator =
            from access in Gen.Elements(accesses)
            from calls in Gen.Choose(0, 2).SelectMany(n => Gen.ArrayOf(anyCall, n))
            select new Program([new OpenStep(0, access), .. calls]);
        return new RuleProperty(Rules.AccessEntitlement, null, generator, sweep);
    }

    /// <summary>One to six steps, calls and device moves interleaved, ending with time past every deadline (nothing for a spec without a device).</summary>
    static Gen<Step[]> DeviceCalls(DispatchSpec spec, Gen<CallStep> call)
    {
        if (spec.Device is not { } device) return Gen.Constant(Array.Empty<Step>());
        var step = Gen.Frequency((1, call.Select(c => (Step)c)), (1, DeviceGen.Event(device)));
        return Gen.Choose(1, 6).SelectMany(n => Gen.ArrayOf(step, n)).Select(steps => (Step[])[.. steps, new WaitStep(WaitAfter(spec))]);
    }

    /// <summary>
    /// device.io-after-stop and device.dma-balance, which the runtime judges itself: every selector's
    /// well-shaped call followed by the device going away, by a close, by both, and around the async
    /// protocol; then random interleavings of calls and device moves.
    /// </summary>
    static RuleProperty DeviceRule(DispatchSpec spec, string rule)
    {
        var wait = new WaitStep(WaitAfter(spec));
        var sweep = new List<Program> { Open(new UnplugStep(), wait, new CloseStep(0)) };
        foreach (var entry in spec.Selectors)
        {
            var prelude = Prelude(spec, entry);
            var call = WellShapedFixed(entry, 1, 1);
            sweep.Add(Open([.. prelude, call, new CloseStep(0), wait]));
            sweep.Add(Open([.. prelude, call, new UnplugStep(), wait, new CloseStep(0)]));
            foreach (var data in DeviceGen.BoundaryData().Take(2))
                sweep.Add(Open([.. prelude, call, data, new UnplugStep(), wait, new CloseStep(0)]));
        }
        var anyCall = Gen.Elements(spec.Selectors.ToArray()).SelectMany(e => CallGen.WellShaped(e));
        var generator =
            from steps in DeviceCalls(spec, anyCall)
            from close in Gen.Elements(true, false)
            select Open([.. steps, .. close ? (Step[])[new CloseStep(0)] : []]);
        return new RuleProperty(rule, null, generator, sweep);
    }
}

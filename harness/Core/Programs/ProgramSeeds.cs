using ConformanceKit.IOKit;
using ConformanceKit.Spec;

namespace ConformanceKit.Programs;

/// <summary>
/// Byte strings that <see cref="ProgramDecoder"/> turns into chosen programs: the fuzzer's starting
/// corpus. Per selector one well-shaped call and its boundary variants (each count and size at the
/// declared value ±1, 0, 16/17, 4095–4097, 4103: <see cref="IOKitBoundaries"/>), plus the async protocol in order and out of order and a
/// close/reopen; for a selector with a structure input template, its message with varied fields and
/// with each field made off-template in turn. Seeds only steer the start; the decoder's totality means any mutation is still a
/// program. Every seed is built with the decoder's own constants so the two cannot drift apart.
/// </summary>
public sealed partial class ProgramSeeds(DispatchSpec spec)
{
    /// <summary>The opcode of a plain call on slot 0, of an async call, of a wait.</summary>
    const byte OpCall = 0, OpAsync = 3, OpWait = 5, OpClose = 6, OpReopen = 7;

    /// <summary>Indexes in <see cref="ProgramDecoder.WaitTable"/> of 5 s (the usual delay) and of 8 s (past
    /// delay plus leeway, when the oracle can tell a completion is missing, not just late).</summary>
    static readonly byte WaitFiveSeconds = WaitIndex(5_000_000_000), WaitPastDeadline = WaitIndex(8_000_000_000);

    readonly DispatchSpec _spec = spec;

    /// <summary>The plainest program the decoder makes from a non-empty input: open c0, close c0.</summary>
    public static byte[] OpenClose => [OpClose];

    /// <summary>Named seeds, stable across runs (the names become corpus file names).</summary>
    public IReadOnlyList<(string Name, byte[] Bytes)> All()
    {
        var seeds = new List<(string, byte[])>();
        for (var index = 0; index < _spec.Selectors.Length; index++)
        {
            var entry = _spec.Selectors[index];
            var call = DeclaredCall(entry, index);
            seeds.Add(($"sel{entry.Selector}-declared", call.Encode()));
            if (entry.Template is { } template)
                foreach (var (name, variant) in TemplateVariants(template, call))
                    seeds.Add(($"sel{entry.Selector}-{name}", variant.Encode()));
            foreach (var (name, variant) in Boundaries(call))
                seeds.Add(($"sel{entry.Selector}-{name}", variant.Encode()));
            if (entry.Completion == CompletionRule.Required)
                seeds.Add(($"sel{entry.Selector}-no-completion", (call with { Op = OpCall }).Encode()));
            if (entry.Completion == CompletionRule.Forbidden)
                seeds.Add(($"sel{entry.Selector}-with-completion", (call with { Op = OpAsync }).Encode()));
        }
        var outside = (byte)_spec.Selectors.Length; // decodes to the first selector past the table
        seeds.Add(("outside-table", new CallBytes(outside, OpCall, 0, 0, 0, 0, 0).Encode()));
        seeds.Add(("far-selector", new CallBytes(ProgramDecoder.FarSelectorBase, OpCall, 0, 0, 0, 0, 0).Encode()));
        seeds.AddRange(AsyncProtocol());
        seeds.AddRange(BurstSeeds());
        seeds.AddRange(MemorySeeds());
        seeds.AddRange(DeviceSeeds());
        return seeds;
    }

    /// <summary>The AFL dictionary: whole well-shaped calls and single operand values worth splicing in.</summary>
    public IReadOnlyList<(string Name, byte[] Token)> Dictionary()
    {
        var tokens = new List<(string, byte[])>();
        for (var index = 0; index < _spec.Selectors.Length; index++)
        {
            var entry = _spec.Selectors[index];
            var call = DeclaredCall(entry, index);
            tokens.Add(($"call_sel{entry.Selector}", call.Encode()));
        }
        tokens.Add(("count_declared", [ProgramDecoder.CountDeclared]));
        tokens.Add(("count_declared_minus", [ProgramDecoder.CountDeclaredMinus]));
        tokens.Add(("count_declared_plus", [ProgramDecoder.CountDeclaredPlus]));
        tokens.Add(($"count_{IOKitBoundaries.ScalarCountPastLimit}", [(byte)IOKitBoundaries.ScalarCountPastLimit]));
        tokens.Add(("size_declared", [ProgramDecoder.SizeDeclared]));
        tokens.Add(("size_declared_minus", [ProgramDecoder.SizeDeclaredMinus]));
        tokens.Add(("size_declared_plus", [ProgramDecoder.SizeDeclaredPlus]));
        for (var k = 0; k < ProgramDecoder.SizeTable.Length; k++)
            tokens.Add(($"size_{ProgramDecoder.SizeTable[k]}", [SizeOperand(ProgramDecoder.SizeTable[k])]));
        tokens.Add(("wait_5s", [OpWait, WaitFiveSeconds]));
        tokens.Add(("wait_8s", [OpWait, WaitPastDeadline]));
        tokens.AddRange(DeviceTokens());
        return tokens;
    }

    /// <summary>The well-shaped call of the entry at this index of the table (its template's plainest message, when it has one).</summary>
    static CallBytes DeclaredCall(SelectorSpec entry, int index) =>
        new((byte)index, Op(entry), ProgramDecoder.CountDeclared, ProgramDecoder.SizeDeclared,
            ProgramDecoder.CountDeclared, ProgramDecoder.SizeDeclared, 1,
            entry.Template is { } template ? TemplateMessages.WellFormedChoices(template, 0) : null);

    /// <summary>The template's message with other field choices, and with each corruption in turn.</summary>
    static IEnumerable<(string, CallBytes)> TemplateVariants(StructTemplate template, CallBytes call)
    {
        yield return ("template-high", call with { TemplateChoices = TemplateMessages.WellFormedChoices(template, 0xFF) });
        yield return ("template-mid", call with { TemplateChoices = TemplateMessages.WellFormedChoices(template, 0x41) });
        for (var k = 0; k < TemplateMessages.CorruptionCount(template); k++)
        {
            var name = k < template.Fields.Length ? $"off-{template.Fields[k].Name}" : k == template.Fields.Length ? "short" : "long";
            yield return ($"template-{name}", call with { TemplateChoices = TemplateMessages.CorruptChoices(template, k, 0) });
        }
    }

    IEnumerable<(string, CallBytes)> Boundaries(CallBytes call)
    {
        yield return ("scalar-in-minus", call with { ScalarIn = ProgramDecoder.CountDeclaredMinus });
        yield return ("scalar-in-plus", call with { ScalarIn = ProgramDecoder.CountDeclaredPlus });
        yield return ($"scalar-in-{IOKitBoundaries.ScalarCountPastLimit}", call with { ScalarIn = (byte)IOKitBoundaries.ScalarCountPastLimit });
        yield return ("scalar-out-minus", call with { ScalarOut = ProgramDecoder.CountDeclaredMinus });
        yield return ("scalar-out-plus", call with { ScalarOut = ProgramDecoder.CountDeclaredPlus });
        yield return ("struct-in-0", call with { StructIn = 0 });
        yield return ("struct-in-1", call with { StructIn = 1 });
        yield return ("struct-in-minus", call with { StructIn = ProgramDecoder.SizeDeclaredMinus });
        yield return ("struct-in-plus", call with { StructIn = ProgramDecoder.SizeDeclaredPlus });
        // The largest input passed in band (a handler that copies a variable input into a fixed buffer overflows
        // it here; IOKit passes the next size out of line, where structureInput is null), and that next size.
        yield return ($"struct-in-{IOKitLimits.MaxInbandStruct}", call with { StructIn = SizeOperand((uint)IOKitLimits.MaxInbandStruct) });
        yield return ($"struct-in-{IOKitBoundaries.FirstOutOfLineSize}", call with { StructIn = SizeOperand(IOKitBoundaries.FirstOutOfLineSize) });
        yield return ("struct-out-0", call with { StructOut = 0 });
        yield return ("struct-out-minus", call with { StructOut = ProgramDecoder.SizeDeclaredMinus });
        yield return ("struct-out-plus", call with { StructOut = ProgramDecoder.SizeDeclaredPlus });
        // The in-band limit, the first size out of line, and the last one the sample's oversized structure overflows.
        foreach (var size in new[] { (uint)IOKitLimits.MaxInbandStruct, IOKitBoundaries.FirstOutOfLineSize, IOKitBoundaries.SampleOversizedStruct - 1 })
            yield return ($"struct-out-{size}", call with { StructOut = SizeOperand(size) });
    }

    IEnumerable<(string, byte[])> AsyncProtocol()
    {
        var register = _spec.RegisterSelector;
        var request = _spec.Selectors.FirstOrDefault(s => s.Role == AsyncRole.Request);
        if (register is null) yield break;
        var registerCall = Declared(register);
        if (request is null)
        {
            yield return ("async-register-wait", [.. registerCall, OpWait, WaitPastDeadline]);
            yield break;
        }
        var requestCall = Declared(request);
        yield return ("async-request-first", [.. requestCall, OpWait, WaitPastDeadline]);
        yield return ("async-register-request-wait", [.. registerCall, OpWait, WaitPastDeadline, .. requestCall, OpWait, WaitPastDeadline]);
        yield return ("async-two-requests", [.. registerCall, OpWait, WaitPastDeadline, .. requestCall, .. requestCall, OpWait, WaitPastDeadline]);
        yield return ("async-register-then-request", [.. registerCall, .. requestCall, OpWait, WaitPastDeadline]);
        yield return ("async-register-twice", [.. registerCall, .. registerCall, OpWait, WaitPastDeadline, OpClose]);
        yield return ("async-close-reopen", [.. registerCall, OpClose, OpReopen, 2, .. requestCall, OpWait, WaitPastDeadline]);
    }

    /// <summary>
    /// Sequences: each selector's well-shaped call three times on one connection (the third call of a kind),
    /// and 65 and 257 times before a close (a per-connection queue or table filled past its limit, the error
    /// path behind the refusal); a request after the registration. And two requests a fraction of the
    /// delay apart, while the first is pending, then a wait past every deadline.
    /// </summary>
    IEnumerable<(string, byte[])> BurstSeeds()
    {
        var register = _spec.RegisterSelector;
        foreach (var entry in _spec.Selectors.Where(s => s.Role != AsyncRole.RegisterCallback))
        {
            byte[] prelude = entry.Role == AsyncRole.Request && register is not null ? Declared(register) : [];
            var call = DeclaredCall(entry, _spec.Selectors.IndexOf(entry));
            var burst = (call with { Op = (byte)(call.Op | ProgramDecoder.BurstBits) }).Encode();
            yield return ($"sel{entry.Selector}-burst-3", [.. prelude, .. burst, BurstOperand(3)]);
            foreach (var count in (int[])[65, Bursts.Largest])
                yield return ($"sel{entry.Selector}-burst-{count}", [.. prelude, .. burst, BurstOperand(count), OpClose]);
        }
        var request = _spec.Selectors.FirstOrDefault(s => s.Role == AsyncRole.Request);
        if (register is null || request is null || _spec.Async is not { DelayNs: > 0 } async) yield break;
        var gaps = ProgramDecoder.WaitTable.Where(w => w > 0 && w < async.DelayNs).ToArray();
        foreach (var gap in gaps.Length == 0 ? [] : new[] { gaps.Min(), gaps.Max() }.Distinct())
            yield return ($"async-requests-{gap / 1_000_000}ms-apart",
                [.. Declared(register), OpWait, WaitPastDeadline, .. Declared(request), OpWait, WaitIndex(gap), .. Declared(request), OpWait, WaitPastDeadline]);
    }

    /// <summary>The operand that makes a burst repeat its call <paramref name="count"/> times.</summary>
    static byte BurstOperand(int count)
    {
        var index = Bursts.Sizes.ToList().IndexOf(count);
        if (index < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "not a burst size");
        return (byte)index;
    }

    byte[] Declared(SelectorSpec entry)
    {
        return DeclaredCall(entry, _spec.Selectors.IndexOf(entry)).Encode();
    }

    static byte Op(SelectorSpec entry) => entry.Completion == CompletionRule.Required ? OpAsync : OpCall;

    /// <summary>The size operand that decodes to one of <see cref="ProgramDecoder.SizeTable"/>'s sizes.</summary>
    public static byte SizeOperand(uint size)
    {
        if (size < ProgramDecoder.LiteralSizeLimit) return (byte)size;
        var index = Array.IndexOf(ProgramDecoder.SizeTable, size);
        if (index < 0) throw new ArgumentOutOfRangeException(nameof(size), size, "not a size the decoder can express in one operand");
        return (byte)(ProgramDecoder.LiteralSizeLimit + 3 + index);
    }

    static byte WaitIndex(ulong nanoseconds) => (byte)Array.IndexOf(ProgramDecoder.WaitTable, nanoseconds);

    /// <summary>One call as the decoder reads it: opcode, then its six operands, then — for a template
    /// selector's declared-size operands only, as the decoder reads them — the message's choice bytes.</summary>
    readonly record struct CallBytes(byte Selector, byte Op, byte ScalarIn, byte StructIn, byte ScalarOut, byte StructOut, byte Data,
        byte[]? TemplateChoices = null)
    {
        public byte[] Encode() => TemplateChoices is { } choices && ProgramDecoder.IsTemplateOperand(StructIn)
            ? [Op, Selector, ScalarIn, StructIn, ScalarOut, StructOut, Data, .. choices]
            : [Op, Selector, ScalarIn, StructIn, ScalarOut, StructOut, Data];
    }
}

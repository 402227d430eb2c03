using ConformanceKit.IOKit;
using ConformanceKit.Spec;

namespace ConformanceKit.Programs;

/// <summary>
/// Turns any byte string into a valid <see cref="Program"/> (total: missing bytes read as 0), so every
/// fuzzer input is a test case and every test case shrinks and replays. The program starts with
/// `open c0`; then each step takes an opcode byte and a few operand bytes:
/// <code>
/// op & 7:   0-2 call · 3-4 async call · 5 wait (with op & 0x80 and a device: section: a device step) ·
///           6 close (with op & 0x80: a shared-memory step) · 7 open with other entitlements
/// op >> 3 & 3: connection slot (a closed slot is reopened first)
/// call:  selector · scalar-in count · struct-in size · scalar-out capacity · struct-out capacity · data
///        (with op & 0xE0 all set, a burst: one more operand picks how many times the call is repeated, <see cref="Bursts"/>)
/// </code>
/// <see cref="MaxSteps"/> bounds the steps the opcodes make; a burst's repetitions come on top, up to
/// <see cref="Bursts.MaxSteps"/> steps in all (a burst that would pass it is one call).
/// Each operand is one byte, mapped so boundaries sit close: selectors of the table, just past it and
/// far out; counts 0..17 and the declared count ±1; sizes 0..63, the declared size ±1, 4095..4097,
/// 4103..4105 and larger (<see cref="IOKitBoundaries"/>). The same constants produce the fuzzer's seeds
/// (<see cref="ProgramSeeds"/>).
/// For a selector with a structure input template, the declared-size operands (declared, −1, +1) mean
/// a message of the template instead — then one byte short and one byte long — built from the
/// <see cref="TemplateMessages.ChoiceLength"/> bytes that follow the call's data byte.
/// </summary>
public sealed partial class ProgramDecoder(DispatchSpec spec)
{
    public const int MaxSteps = 24;

    /// <summary>
    /// On a call opcode, all three set: the call is a burst (<see cref="Bursts"/>). Three bits, so that one call
    /// opcode in eight of a random input is a burst: a burst is dozens of steps, which an input pays for in
    /// executions per second.
    /// </summary>
    public const byte BurstBits = 0xE0;

    /// <summary>Selector operands at or above this byte pick a far-away selector.</summary>
    public const byte FarSelectorBase = 0xF0;
    public static readonly uint[] FarSelectors = [0xFFFFFFFF, 0x80000000, 0x7FFFFFFF, 0x10000, 0xFFFF, 0x100, 0xFF, 64, 32, 17, 16, 8, 0xFFFFFFFE, 0x1000, 1000, 7];

    /// <summary>Count operands: 0..17 literal, then declared, declared-1, declared+1, then 16.</summary>
    public const int CountClasses = 24;
    public const byte CountDeclared = 18, CountDeclaredMinus = 19, CountDeclaredPlus = 20;

    /// <summary>Size operands below this byte are the size itself; the rest pick from <see cref="SizeTable"/> after the declared-size classes.</summary>
    public const byte LiteralSizeLimit = 0x40;
    public const byte SizeDeclared = LiteralSizeLimit, SizeDeclaredMinus = LiteralSizeLimit + 1, SizeDeclaredPlus = LiteralSizeLimit + 2;
    public static readonly uint[] SizeTable =
    [
        .. IOKitBoundaries.AtInbandLimit, .. IOKitBoundaries.AroundSampleOversized, 2 * IOKitLimits.MaxInbandStruct,
        64, 128, 255, 256, 1024, 16384, 65536, IOKitLimits.MaxInbandStruct + 2, IOKitLimits.MaxInbandStruct + 4,
    ];

    public static readonly ulong[] WaitTable =
    [
        1_000_000, 1_000_000_000, 5_000_000_000, 6_000_000_000, 4_999_999_999, 5_000_000_001,
        7_000_000_000, 2_000_000_000, 10_000_000_000, 0, 3_000_000_000, 8_000_000_000,
    ];

    public const int CallOperands = 6;

    readonly DispatchSpec _spec = spec;

    public Program Decode(ReadOnlySpan<byte> data)
    {
        var steps = new List<Step>(8) { new OpenStep(0, ClientAccess.AsEntitled) };
        Span<bool> open = stackalloc bool[Step.MaxSlots];
        open[0] = true;
        Span<int> mapOwner = [-1, -1, -1, -1]; // the connection each mapping slot is mapped on
        var reader = new ByteReader(data);
        ulong nextRefcon = 1;
        var repetitions = 0; // steps bursts added beyond their first call: not counted against MaxSteps
        while (!reader.AtEnd && steps.Count - repetitions <= MaxSteps - 2) // a byte may add two steps (reopen + call)
        {
            var op = reader.Next();
            var slot = (op >> 3) & 3;
            switch (op & 7)
            {
                case <= 4:
                    if (!open[slot])
                    {
                        steps.Add(new OpenStep(slot, ClientAccess.AsEntitled));
                        open[slot] = true;
                    }
                    var isAsync = (op & 7) >= 3;
                    var call = DecodeCall(ref reader, slot, isAsync ? new AsyncReference(nextRefcon++) : null);
                    var count = (op & BurstBits) == BurstBits ? Bursts.Bounded(call, Bursts.Sizes[reader.Next() % Bursts.Sizes.Count]) : 1;
                    if (steps.Count + count > Bursts.MaxSteps - MaxSteps) count = 1; // room left for the opcodes' own steps
                    steps.AddRange(Bursts.Of(call, count, _spec.Find(call.Selector)));
                    repetitions += count - 1;
                    if (isAsync) nextRefcon += (ulong)(count - 1);
                    break;
                case 5 when IsDeviceOp(op):
                    DecodeDevice(ref reader, op, steps);
                    break;
                case 5:
                    steps.Add(new WaitStep(WaitTable[reader.Next() % WaitTable.Length]));
                    break;
                case 6 when IsMemoryOp(op):
                    DecodeMemory(ref reader, op, slot, open, mapOwner, steps, steps.Count - repetitions);
                    break;
                case 6:
                    if (open[slot])
                    {
                        steps.Add(new CloseStep(slot));
                        open[slot] = false;
                        ForgetMaps(mapOwner, slot);
                    }
                    break;
                default:
                    var access = (reader.Next() % 3) switch
                    {
                        0 => ClientAccess.Nothing,
                        1 => new ClientAccess.Listed(new[] { "com.example.not-this-dext" }),
                        _ => ClientAccess.AsEntitled,
                    };
                    if (open[slot]) steps.Add(new CloseStep(slot));
                    ForgetMaps(mapOwner, slot);
                    steps.Add(new OpenStep(slot, access));
                    open[slot] = true;
                    break;
            }
        }
        return new Program(steps);
    }

    static void ForgetMaps(Span<int> mapOwner, int slot)
    {
        for (var m = 0; m < mapOwner.Length; m++)
            if (mapOwner[m] == slot) mapOwner[m] = -1;
    }

    CallStep DecodeCall(ref ByteReader reader, int slot, AsyncReference? reference)
    {
        var selector = DecodeSelector(reader.Next());
        var entry = _spec.Find(selector);
        var scalarIn = DecodeCount(reader.Next(), entry?.Shape.ScalarInput);
        var structInOperand = reader.Next();
        var scalarOut = DecodeCount(reader.Next(), entry?.Shape.ScalarOutput);
        var structOut = DecodeSize(reader.Next(), entry?.Shape.StructOutput);
        var data = reader.Next();
        var structInput = entry?.Template is { } template && IsTemplateOperand(structInOperand)
            ? TemplateInput(template, structInOperand, reader.Take(TemplateMessages.ChoiceLength(template)))
            : ProgramData.Bytes((int)DecodeSize(structInOperand, entry?.Shape.StructInput), data);
        return new CallStep(slot, selector, ProgramData.Scalars((int)scalarIn, data), structInput, scalarOut, structOut, reference);
    }

    public static bool IsTemplateOperand(byte operand) => operand is SizeDeclared or SizeDeclaredMinus or SizeDeclaredPlus;

    /// <summary>A template's message for a declared-size operand: as built, one byte short, or one byte long.</summary>
    static EquatableArray<byte> TemplateInput(StructTemplate template, byte operand, ReadOnlySpan<byte> choices)
    {
        var message = TemplateMessages.Build(template, choices);
        return operand switch
        {
            SizeDeclaredMinus when message.Count > 0 => message.Items[..^1],
            SizeDeclaredPlus => message.Items.Add(0),
            _ => message,
        };
    }

    public uint DecodeSelector(byte operand)
    {
        if (operand >= FarSelectorBase) return FarSelectors[(operand - FarSelectorBase) % FarSelectors.Length];
        var table = _spec.Selectors;
        var index = operand % (table.Length + 2);
        if (index < table.Length) return table[index].Selector;
        return _spec.SelectorLimit + (uint)(index - table.Length); // just past the table
    }

    public static uint DecodeCount(byte operand, ShapeSize? declared)
    {
        var value = operand % CountClasses;
        var nominal = declared?.Nominal ?? IOKitBoundaries.VariableNominal;
        return value switch
        {
            <= (int)IOKitBoundaries.ScalarCountPastLimit => (uint)value,
            CountDeclared => nominal,
            CountDeclaredMinus => nominal == 0 ? 0 : nominal - 1,
            CountDeclaredPlus => nominal + 1,
            _ => IOKitLimits.MaxScalars,
        };
    }

    public static uint DecodeSize(byte operand, ShapeSize? declared)
    {
        if (operand < LiteralSizeLimit) return operand;
        var nominal = declared?.Nominal ?? IOKitBoundaries.VariableNominal;
        return operand switch
        {
            SizeDeclared => nominal,
            SizeDeclaredMinus => nominal == 0 ? 0 : nominal - 1,
            SizeDeclaredPlus => nominal + 1,
            _ => SizeTable[(operand - LiteralSizeLimit - 3) % SizeTable.Length],
        };
    }

    ref struct ByteReader(ReadOnlySpan<byte> data)
    {
        readonly ReadOnlySpan<byte> _data = data;
        int _position;

        public readonly bool AtEnd => _position >= _data.Length;

        public byte Next() => _position < _data.Length ? _data[_position++] : (byte)0;

        /// <summary>The next <paramref name="count"/> bytes, or fewer at the end (the rest read as 0 by whoever takes them).</summary>
        public ReadOnlySpan<byte> Take(int count)
        {
            var taken = _data.Slice(_position, Math.Min(count, _data.Length - _position));
            _position += taken.Length;
            return taken;
        }
    }
}

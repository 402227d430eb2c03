namespace ConformanceKit.Programs;

/// <summary>
/// The shared-memory steps of the byte form: an opcode whose low three bits say close (6) and whose top
/// bit is set is a memory step instead, so the fuzzer controls the contents of the memory the dext
/// shares with its app.
/// <code>
/// op & 7 == 6, op & 0x80:  kind = op >> 5 & 3 · connection slot = op >> 3 & 3
///   0 map:        m (mapping m & 3, memory type m >> 2)
///   1 poke word:  m · offset · value (a 4-byte word, or 8 bytes when value & 0x80)
///   2 poke bytes: m · offset · size · data
///   3 peek:       m · offset · size
/// </code>
/// A poke or peek of a mapping slot not mapped (on an open connection) maps memory type 0 there first,
/// on the op's connection, opened first when closed.
/// </summary>
public sealed partial class ProgramDecoder
{
    public const byte MemoryBit = 0x80;
    public const byte MemoryMap = 0, MemoryPokeWord = 1, MemoryPokeBytes = 2, MemoryPeek = 3;

    /// <summary>Memory type operands at or above this value pick a far-away type.</summary>
    public const int FarTypeBase = 0x3C;
    public static readonly uint[] FarTypes = [0xFFFFFFFF, 0x80000000, 0x100, 0x40];

    /// <summary>Offset operands below this byte are the offset itself; the rest pick from <see cref="OffsetTable"/>.</summary>
    public const byte LiteralOffsetLimit = 0x40;
    public static readonly ulong[] OffsetTable =
        [64, 128, 252, 256, 1020, 1024, 1148, 1152, 4092, 4096, 4100, 65532, 65536, 0x80000000, 0xFFFFFFFF, 0xFFFFFFFFFFFFFFF8];

    /// <summary>The values a poked word takes: the edges of counts, indexes and lengths a dext reads back.</summary>
    public static readonly ulong[] WordTable =
    [
        0, 1, 2, 7, 8, 9, 15, 16, 17, 0x7F, 0x80, 0xFF, 0x100, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE,
        0xFFFFFFFF, 0x100000000, 0x7FFFFFFFFFFFFFFF, 0x8000000000000000, 0xFFFFFFFFFFFFFFFF, 1000, 4096, 65536,
    ];

    /// <summary>Steps one memory opcode can add: open, map, then the poke or peek.</summary>
    const int MemoryStepsAtMost = 3;

    static bool IsMemoryOp(byte op) => (op & 7) == 6 && (op & MemoryBit) != 0;

    /// <param name="counted">The steps so far that count against <see cref="MaxSteps"/> (a burst's repetitions do not).</param>
    void DecodeMemory(ref ByteReader reader, byte op, int slot, scoped Span<bool> open, scoped Span<int> mapOwner, List<Step> steps, int counted)
    {
        if (counted > MaxSteps - MemoryStepsAtMost)
        {
            reader.Next(); // the step is dropped, its first operand consumed so later bytes keep their meaning
            return;
        }
        var kind = (op >> 5) & 3;
        var operand = reader.Next();
        var map = operand & 3;
        if (kind == MemoryMap || mapOwner[map] < 0)
        {
            if (!open[slot])
            {
                steps.Add(new OpenStep(slot, ClientAccess.AsEntitled));
                open[slot] = true;
            }
            steps.Add(new MapStep(slot, map, kind == MemoryMap ? DecodeType(operand >> 2) : 0));
            mapOwner[map] = slot;
            if (kind == MemoryMap) return;
        }
        var offset = DecodeOffset(reader.Next());
        switch (kind)
        {
            case MemoryPokeWord:
                var value = reader.Next();
                var word = BitConverter.GetBytes(WordTable[(value & 0x7F) % WordTable.Length]);
                steps.Add(new PokeStep(map, offset, (value & 0x80) != 0 ? word : word[..4]));
                break;
            case MemoryPokeBytes:
                var size = DecodeSize(reader.Next(), null);
                steps.Add(new PokeStep(map, offset, ProgramData.Bytes((int)size, reader.Next())));
                break;
            default:
                steps.Add(new PeekStep(map, offset, Math.Min(DecodeSize(reader.Next(), null), ProgramValidity.MaxPeekBytes)));
                break;
        }
    }

    public static uint DecodeType(int operand) =>
        operand < FarTypeBase ? (uint)(operand % 8) : FarTypes[(operand - FarTypeBase) % FarTypes.Length];

    public static ulong DecodeOffset(byte operand) =>
        operand < LiteralOffsetLimit ? operand : OffsetTable[(operand - LiteralOffsetLimit) % OffsetTable.Length];
}

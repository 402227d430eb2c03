namespace ConformanceKit.Programs;

/// <summary>
/// Seeds for memory a dext shares with its app: memory type 0 mapped and its first 63 bytes filled
/// with all-ones (every count, index and length the dext reads back from it at its largest) before
/// each selector's well-shaped call, and a map and peek of types 0 and 1. On a dext that shares
/// nothing the map fails and the poke is skipped: the call runs as in its declared seed.
/// </summary>
public sealed partial class ProgramSeeds
{
    /// <summary>The memory opcode of a kind on slot 0 (<see cref="ProgramDecoder"/>'s shared-memory steps).</summary>
    static byte MemoryOp(int kind) => (byte)(ProgramDecoder.MemoryBit | (kind << 5) | 6);

    IEnumerable<(string, byte[])> MemorySeeds()
    {
        byte[] fill = [MemoryOp(ProgramDecoder.MemoryPokeBytes), 0, 0, ProgramDecoder.LiteralOffsetLimit - 1, 0xFF];
        for (var index = 0; index < _spec.Selectors.Length; index++)
        {
            var entry = _spec.Selectors[index];
            yield return ($"sel{entry.Selector}-shared-ones", [.. fill, .. DeclaredCall(entry, index).Encode()]);
        }
        for (byte type = 0; type < 2; type++)
            yield return ($"shared-type{type}-peek", [MemoryOp(ProgramDecoder.MemoryMap), (byte)(type << 2), MemoryOp(ProgramDecoder.MemoryPeek), 0, 0, ProgramDecoder.LiteralOffsetLimit - 1]);
    }
}

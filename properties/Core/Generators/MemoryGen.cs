using ConformanceKit.Programs;
using FsCheck;
using FsCheck.Fluent;

namespace ConformanceKit.Properties.Generators;

/// <summary>
/// Hostile contents for memory a dext shares with its app: a map of memory type 0 or 1 on c0 and pokes
/// of what a dext reads back as counts, indexes and lengths — words just past small tables (8, 9, 16,
/// 17, 256), at the top of their range (0x7fffffff, 0xffffffff) and whole runs of one byte. memory.safety
/// puts them before its calls: a dext that trusts what the app wrote crashes in the call. On a dext
/// that shares nothing the map fails and the pokes are skipped.
/// </summary>
public static class MemoryGen
{
    static readonly uint[] Types = [0, 1];
    static readonly ulong[] Words = [8, 9, 16, 17, 256, 0x7FFFFFFF, 0xFFFFFFFF];
    static readonly byte[] Fills = [0xFF, 0x80, 0x41];
    const int FilledBytes = 64;
    const int WordOffsets = 8; // the first eight 32-bit fields: where a request header lies

    /// <summary>The sweep's preludes: each type filled with each run, then each word at each of the first offsets of type 0.</summary>
    public static IEnumerable<Step[]> SweepPreludes()
    {
        foreach (var type in Types)
            foreach (var fill in Fills)
                yield return [new MapStep(0, 0, type), Fill(fill)];
        foreach (var word in Words)
            for (var k = 0; k < WordOffsets; k++)
                yield return [new MapStep(0, 0, 0), Word((ulong)k * 4, word)];
    }

    /// <summary>A map and one to three pokes of random hostile contents.</summary>
    public static Gen<Step[]> Prelude() =>
        from type in Gen.Elements(Types)
        from pokes in Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(Poke(), n))
        select (Step[])[new MapStep(0, 0, type), .. pokes];

    static Gen<Step> Poke() => Gen.Frequency(
        (3, from offset in Gen.Choose(0, 2 * WordOffsets - 1) from word in Gen.Elements(Words) select (Step)Word((ulong)offset * 4, word)),
        (1, from fill in Gen.Elements(Fills) select (Step)Fill(fill)));

    static PokeStep Fill(byte fill) => new(0, 0, ProgramData.Bytes(FilledBytes, fill));

    static PokeStep Word(ulong offset, ulong value) => new(0, offset, BitConverter.GetBytes((uint)Math.Min(value, uint.MaxValue)));
}

using System.Globalization;

namespace ConformanceKit.Programs;

/// <summary>
/// The text of the shared-memory steps:
/// <code>
/// map c0 m0 type=0 [readonly]        # IOConnectMapMemory64 of type 0 on c0 into m0
/// poke m0 offset=4 in=09000000       # the app writes (in= as for calls)
/// peek m0 offset=0 len=16            # the app reads
/// </code>
/// </summary>
public static partial class ProgramText
{
    static string FormatMap(MapStep map) =>
        $"map c{map.Slot} m{map.Map} type={map.Type.ToString(CultureInfo.InvariantCulture)}{(map.ReadOnly ? " readonly" : "")}";

    static string FormatPoke(PokeStep poke) =>
        $"poke m{poke.Map} offset={FormatNumber(poke.Offset)} in={(poke.Bytes.Count > 0 ? FormatBytes(poke.Bytes.AsSpan()) : "")}";

    static string FormatPeek(PeekStep peek) =>
        $"peek m{peek.Map} offset={FormatNumber(peek.Offset)} len={peek.Length.ToString(CultureInfo.InvariantCulture)}";

    static MapStep ParseMap(string[] words)
    {
        var slot = ParseSlot(Argument(words, 1, "map needs a connection like c0"));
        var map = ParseMapSlot(Argument(words, 2, "map needs a mapping like m0"));
        var readOnly = false;
        uint type = 0;
        var rest = words.Skip(3).ToList();
        if (rest.Remove("readonly")) readOnly = true;
        foreach (var (key, value) in Options([.. rest], 0))
        {
            switch (key)
            {
                case "type": type = (uint)ParseNumber(value, uint.MaxValue, "type"); break;
                default: throw new FormatException($"map: unknown option '{Shown(key)}' (known: type, readonly)");
            }
        }
        return new MapStep(slot, map, type, readOnly);
    }

    static PokeStep ParsePoke(string[] words)
    {
        var map = ParseMapSlot(Argument(words, 1, "poke needs a mapping like m0"));
        ulong offset = 0;
        byte[] bytes = [];
        foreach (var (key, value) in Options(words, 2))
        {
            switch (key)
            {
                case "offset": offset = ParseNumber(value, ulong.MaxValue, "offset"); break;
                case "in": bytes = value.Length == 0 ? [] : ParseBytes(value); break;
                default: throw new FormatException($"poke: unknown option '{Shown(key)}' (known: offset, in)");
            }
        }
        return new PokeStep(map, offset, bytes);
    }

    static PeekStep ParsePeek(string[] words)
    {
        var map = ParseMapSlot(Argument(words, 1, "peek needs a mapping like m0"));
        ulong offset = 0, length = 0;
        foreach (var (key, value) in Options(words, 2))
        {
            switch (key)
            {
                case "offset": offset = ParseNumber(value, ulong.MaxValue, "offset"); break;
                case "len": length = ParseNumber(value, ProgramValidity.MaxPeekBytes, "len"); break;
                default: throw new FormatException($"peek: unknown option '{Shown(key)}' (known: offset, len)");
            }
        }
        return new PeekStep(map, offset, length);
    }

    static int ParseMapSlot(string word)
    {
        if (word.Length == 2 && word[0] == 'm' && word[1] >= '0' && word[1] < '0' + MapStep.MaxMaps) return word[1] - '0';
        throw new FormatException($"'{Shown(word)}' is not a mapping (m0..m{MapStep.MaxMaps - 1})");
    }
}

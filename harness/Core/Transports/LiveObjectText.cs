using System.Buffers.Text;
using System.Text;

namespace ConformanceKit.Transports;

/// <summary>Reads dksim's live-object text ("Class=count" lines) into counters.</summary>
public static class LiveObjectText
{
    /// <summary>
    /// From the UTF-8 bytes as the library (or dexthost) hands them over. The fuzzer reads the
    /// counters twice per execution, so this parses in place rather than splitting strings.
    /// </summary>
    public static IReadOnlyDictionary<string, long> Parse(ReadOnlySpan<byte> text)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (!text.IsEmpty)
        {
            var end = text.IndexOf((byte)'\n');
            var line = (end < 0 ? text : text[..end]).Trim(" \t\r"u8);
            text = end < 0 ? [] : text[(end + 1)..];
            if (line.IsEmpty) continue;
            var equals = line.LastIndexOf((byte)'=');
            var value = line[(equals + 1)..];
            if (equals <= 0 || !Utf8Parser.TryParse(value, out long count, out var used) || used != value.Length)
                throw new FormatException($"bad live-object line '{Encoding.UTF8.GetString(line)}'");
            counts[Encoding.UTF8.GetString(line[..equals])] = count;
        }
        return counts;
    }
}

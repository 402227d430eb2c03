using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace ConformanceKit.Programs;

/// <summary>
/// The reproducer format: one step per line, readable and exactly round-tripping
/// (Parse(Format(p)) == p, and Format(Parse(t)) == t for any text Format produced).
/// <code>
/// open c0                                   # access=none | access=id1,id2 ; type=N
/// call c0 3 in=u64:1,2 struct_out=16        # scalars=1,2 scalar_out=16 in=00*4097 in=0a0b+00*100
/// async c0 4 refcon=1 in=u64:1,2 struct_out=16
/// wait 5s
/// close c0
/// </code>
/// Everything after '#' is a comment.
/// </summary>
public static partial class ProgramText
{
    public const string Header = "# conformancekit program v1";
    const int RunThreshold = 8;
    const int WordFormLimit = 128;

    public static string Format(Program program, Func<uint, string?>? selectorName = null)
    {
        var text = new StringBuilder();
        foreach (var step in program.Steps)
        {
            text.Append(FormatStep(step));
            if (step is CallStep call && selectorName?.Invoke(call.Selector) is { } name)
                text.Append("  # ").Append(name);
            text.Append('\n');
        }
        return text.ToString();
    }

    public static string FormatStep(Step step) => step switch
    {
        OpenStep open => FormatOpen(open),
        CloseStep close => $"close c{close.Slot}",
        WaitStep wait => $"wait {Spec.Durations.Format(wait.Nanoseconds)}",
        CallStep call => FormatCall(call),
        MapStep map => FormatMap(map),
        PokeStep poke => FormatPoke(poke),
        PeekStep peek => FormatPeek(peek),
        DeviceDataStep data => FormatDeviceData(data),
        UnplugStep => "unplug",
        InterruptStep interrupt => FormatInterrupt(interrupt),
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "unknown step"),
    };

    static string FormatOpen(OpenStep open)
    {
        var line = new StringBuilder($"open c{open.Slot}");
        switch (open.Access)
        {
            case ClientAccess.None: line.Append(" access=none"); break;
            case ClientAccess.Listed listed: line.Append(" access=").Append(string.Join(',', listed.Identifiers)); break;
        }
        if (open.Type != 0) line.Append(" type=").Append(open.Type.ToString(CultureInfo.InvariantCulture));
        return line.ToString();
    }

    static string FormatCall(CallStep call)
    {
        var line = new StringBuilder(call.Async is null ? "call" : "async");
        line.Append(" c").Append(call.Slot).Append(' ').Append(call.Selector.ToString(CultureInfo.InvariantCulture));
        if (call.Async is { } reference) line.Append(" refcon=").Append(FormatNumber(reference.Refcon));
        if (call.ScalarInput.Count > 0) line.Append(" scalars=").Append(string.Join(',', call.ScalarInput.Select(FormatNumber)));
        if (call.StructInput.Count > 0) line.Append(" in=").Append(FormatBytes(call.StructInput.AsSpan()));
        if (call.ScalarOutputCapacity != 0) line.Append(" scalar_out=").Append(call.ScalarOutputCapacity.ToString(CultureInfo.InvariantCulture));
        if (call.StructOutputCapacity != 0) line.Append(" struct_out=").Append(call.StructOutputCapacity.ToString(CultureInfo.InvariantCulture));
        return line.ToString();
    }

    static string FormatNumber(ulong value) =>
        value <= 0xFFFF ? value.ToString(CultureInfo.InvariantCulture) : "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    /// <summary>Small whole-word inputs as u64 words, the rest as hex with long runs as XX*count.</summary>
    public static string FormatBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % 8 == 0 && bytes.Length <= WordFormLimit)
        {
            var words = new string[bytes.Length / 8];
            for (var k = 0; k < words.Length; k++)
                words[k] = FormatNumber(BinaryPrimitives.ReadUInt64LittleEndian(bytes[(k * 8)..]));
            return "u64:" + string.Join(',', words);
        }
        var segments = new List<string>();
        var literal = new StringBuilder();
        var position = 0;
        while (position < bytes.Length)
        {
            var run = 1;
            while (position + run < bytes.Length && bytes[position + run] == bytes[position]) run++;
            if (run >= RunThreshold)
            {
                if (literal.Length > 0) { segments.Add(literal.ToString()); literal.Clear(); }
                segments.Add($"{bytes[position]:x2}*{run}");
            }
            else
            {
                for (var k = 0; k < run; k++) literal.Append(bytes[position].ToString("x2", CultureInfo.InvariantCulture));
            }
            position += run;
        }
        if (literal.Length > 0) segments.Add(literal.ToString());
        return string.Join('+', segments);
    }

    /// <summary>Larger program files are refused before they are read whole (the largest input is 32 MiB of hex).</summary>
    public const int MaxFileBytes = 64 << 20;

    /// <summary>A program file: UTF-8 text of at most <see cref="MaxFileBytes"/>, every problem as FILE:LINE.</summary>
    /// <exception cref="ProgramFormatException">naming the file, and the line of the problem.</exception>
    public static Program ParseFile(string path)
    {
        if (Directory.Exists(path)) throw new ProgramFormatException(path, 0, "is a directory, not a program file");
        if (!File.Exists(path)) throw new ProgramFormatException(path, 0, "no such file");
        byte[]? bytes;
        try
        {
            bytes = Spec.SpecLoader.ReadAtMost(path, MaxFileBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ProgramFormatException(path, 0, $"cannot read: {e.Message}");
        }
        if (bytes is null) throw new ProgramFormatException(path, 0, $"larger than {MaxFileBytes >> 20} MiB: not a program");
        if (!Spec.SpecLoader.TryUtf8(bytes, out var text, out var bad))
            throw new ProgramFormatException(path, bad.Line, $"not UTF-8 text: byte 0x{bad.Byte:x2} at column {bad.Column} (is this a program file?)");
        try
        {
            return Parse(text);
        }
        catch (ProgramFormatException e)
        {
            throw new ProgramFormatException(path, e.Line, e.Problem);
        }
    }

    /// <exception cref="ProgramFormatException">naming the line of the problem.</exception>
    public static Program Parse(string text)
    {
        var steps = new List<Step>();
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index];
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0) line = line[..hash];
            var words = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0) continue;
            try
            {
                steps.Add(ParseStep(words));
            }
            catch (FormatException e)
            {
                throw new ProgramFormatException(index + 1, e.Message);
            }
        }
        var program = new Program(steps);
        if (ProgramValidity.FirstProblem(program) is { } problem)
            throw new ProgramFormatException(LineOfStep(lines, problem.StepIndex), problem.Message);
        return program;
    }

    static int LineOfStep(string[] lines, int stepIndex)
    {
        var seen = -1;
        for (var index = 0; index < lines.Length; index++)
        {
            var content = lines[index];
            var hash = content.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0) content = content[..hash];
            if (string.IsNullOrWhiteSpace(content)) continue;
            if (++seen == stepIndex) return index + 1;
        }
        return 0;
    }

    static Step ParseStep(string[] words) => words[0] switch
    {
        "open" => ParseOpen(words),
        "close" => new CloseStep(ParseSlot(Argument(words, 1, "close needs a connection like c0"))),
        "wait" => ParseWait(words),
        "call" or "async" => ParseCall(words),
        "map" => ParseMap(words),
        "poke" => ParsePoke(words),
        "peek" => ParsePeek(words),
        "device-data" => ParseDeviceData(words),
        "unplug" => ParseUnplug(words),
        "interrupt" => ParseInterrupt(words),
        var other => throw new FormatException($"unknown step '{Shown(other)}' (expected open, close, call, async, wait, map, poke, peek, device-data, unplug or interrupt)"),
    };

    static OpenStep ParseOpen(string[] words)
    {
        var slot = ParseSlot(Argument(words, 1, "open needs a connection like c0"));
        ClientAccess access = ClientAccess.AsEntitled;
        uint type = 0;
        foreach (var (key, value) in Options(words, 2))
        {
            switch (key)
            {
                case "access":
                    access = value == "none"
                        ? ClientAccess.Nothing
                        : new ClientAccess.Listed(value.Split(',', StringSplitOptions.RemoveEmptyEntries));
                    break;
                case "type":
                    type = (uint)ParseNumber(value, uint.MaxValue, "type");
                    break;
                default:
                    throw new FormatException($"open: unknown option '{Shown(key)}' (known: access, type)");
            }
        }
        return new OpenStep(slot, access, type);
    }

    static WaitStep ParseWait(string[] words)
    {
        var value = Argument(words, 1, "wait needs a duration like 5s");
        if (words.Length > 2) throw new FormatException($"wait: unexpected '{Shown(words[2])}'");
        if (!Spec.Durations.TryParse(value, out var ns)) throw new FormatException($"wait: '{Shown(value)}' is not a duration like 5s or 1500ms");
        return new WaitStep(ns);
    }

    static CallStep ParseCall(string[] words)
    {
        var isAsync = words[0] == "async";
        var slot = ParseSlot(Argument(words, 1, $"{words[0]} needs a connection like c0"));
        var selector = (uint)ParseNumber(Argument(words, 2, $"{words[0]} needs a selector"), uint.MaxValue, "selector");
        ulong[] scalars = [];
        byte[] input = [];
        uint scalarOut = 0;
        ulong structOut = 0;
        ulong? refcon = null;
        foreach (var (key, value) in Options(words, 3))
        {
            switch (key)
            {
                case "scalars": scalars = ParseScalars(value); break;
                case "in": input = ParseBytes(value); break;
                case "scalar_out": scalarOut = (uint)ParseNumber(value, uint.MaxValue, "scalar_out"); break;
                case "struct_out": structOut = ParseNumber(value, ulong.MaxValue, "struct_out"); break;
                case "refcon" when isAsync: refcon = ParseNumber(value, ulong.MaxValue, "refcon"); break;
                default: throw new FormatException($"{words[0]}: unknown option '{Shown(key)}' (known: {(isAsync ? "refcon, " : "")}scalars, in, scalar_out, struct_out)");
            }
        }
        if (isAsync && refcon is null) throw new FormatException("async needs refcon=N");
        return new CallStep(slot, selector, scalars, input, scalarOut, structOut, isAsync ? new AsyncReference(refcon!.Value) : null);
    }

    static ulong[] ParseScalars(string text)
    {
        var count = text.AsSpan().Count(',') + 1;
        if (count > ProgramValidity.MaxScalarInputs)
            throw new FormatException($"scalars: {count} values; the harness passes at most {ProgramValidity.MaxScalarInputs}");
        return text.Split(',').Select(v => ParseNumber(v, ulong.MaxValue, "scalar")).ToArray();
    }

    /// <summary>
    /// Structure input bytes: u64:1,2 words, or hex segments joined by '+' where XX*count repeats a
    /// byte. The size is added up from the segments first (checked, so counts cannot overflow) and
    /// refused over <see cref="ProgramValidity.MaxStructBytes"/> before anything that size is allocated.
    /// </summary>
    /// <exception cref="FormatException">the text is malformed or the bytes would be too many.</exception>
    public static byte[] ParseBytes(string text)
    {
        if (text.StartsWith("u64:", StringComparison.Ordinal))
        {
            var wordCount = (ulong)text.AsSpan(4).Count(',') + 1;
            if (wordCount * 8 > ProgramValidity.MaxStructBytes) throw TooLarge($"{wordCount} u64 words ({wordCount * 8} bytes)");
            var words = text[4..].Split(',');
            var bytes = new byte[words.Length * 8];
            for (var k = 0; k < words.Length; k++)
                BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(k * 8), ParseNumber(words[k], ulong.MaxValue, "u64 word"));
            return bytes;
        }
        var segments = text.Split('+');
        var sizes = new int[segments.Length];
        ulong total = 0;
        for (var index = 0; index < segments.Length; index++)
        {
            var segment = segments[index];
            var star = segment.IndexOf('*', StringComparison.Ordinal);
            ulong size;
            if (star >= 0)
            {
                if (star != 2 || !IsHex(segment.AsSpan(0, star)))
                    throw new FormatException($"in: '{Shown(segment)}' must repeat one byte, like 00*4097");
                size = ParseNumber(segment[(star + 1)..], ulong.MaxValue, "repeat count");
            }
            else
            {
                if (segment.Length % 2 != 0 || !IsHex(segment)) throw new FormatException($"in: '{Shown(segment)}' is not hex bytes");
                size = (ulong)segment.Length / 2;
            }
            // total <= MaxStructBytes here, so neither the comparison nor the sum can overflow.
            if (size > ProgramValidity.MaxStructBytes - total)
                throw TooLarge(total + size >= total ? $"at least {total + size} bytes" : $"more than {ulong.MaxValue} bytes");
            total += size;
            sizes[index] = (int)size;
        }
        var result = new byte[total];
        var position = 0;
        for (var index = 0; index < segments.Length; index++)
        {
            var segment = segments[index];
            var target = result.AsSpan(position, sizes[index]);
            if (segment.IndexOf('*', StringComparison.Ordinal) >= 0) target.Fill(Convert.FromHexString(segment.AsSpan(0, 2))[0]);
            else Convert.FromHexString(segment, target, out _, out _);
            position += sizes[index];
        }
        return result;
    }

    static FormatException TooLarge(string size) =>
        new($"in: {size} of structure input, over the {ProgramValidity.MaxStructBytes} the harness passes");

    static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (var ch in text)
            if (!char.IsAsciiHexDigit(ch)) return false;
        return true;
    }

    /// <summary>A word of the user's as a message quotes it: not a megabyte of it, and printable.</summary>
    static string Shown(string text)
    {
        const int limit = 40;
        var shown = text.Length > limit ? text[..limit] + "…" : text;
        return string.Concat(shown.Select(ch => char.IsControl(ch) ? "?" : ch.ToString()));
    }

    static int ParseSlot(string word)
    {
        if (word.Length == 2 && word[0] == 'c' && word[1] >= '0' && word[1] < '0' + Step.MaxSlots) return word[1] - '0';
        throw new FormatException($"'{Shown(word)}' is not a connection (c0..c{Step.MaxSlots - 1})");
    }

    static ulong ParseNumber(string text, ulong max, string what)
    {
        var ok = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        if (!ok || value > max) throw new FormatException($"{what}: '{Shown(text)}' is not a number up to {max}");
        return value;
    }

    static string Argument(string[] words, int index, string problem) =>
        index < words.Length ? words[index] : throw new FormatException(problem);

    static IEnumerable<(string Key, string Value)> Options(string[] words, int start)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var index = start; index < words.Length; index++)
        {
            var equals = words[index].IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0) throw new FormatException($"'{Shown(words[index])}' should be key=value");
            var key = words[index][..equals];
            if (!seen.Add(key)) throw new FormatException($"'{Shown(key)}' is given twice");
            yield return (key, words[index][(equals + 1)..]);
        }
    }
}

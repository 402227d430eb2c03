using ConformanceKit.Spec;

namespace ConformanceKit.Programs;

/// <summary>
/// Builds structure inputs from a selector's <see cref="StructTemplate"/> out of a fixed number of
/// choice bytes, so the fuzzer (whose input bytes they are) and FsCheck (which generates them) share
/// one construction, and any choice bytes give a message:
/// <code>
/// byte 0          corruption: below 0xC0 none (a well-formed message); else one field made off-template
///                 (or the message one byte short or long), picked by the byte
/// then per field  a set: 1 byte (which value) · a range or any value: the type's width in bytes ·
///                 a payload: 2 bytes (which size; none when it has one size) and 1 content byte
///                 (as ProgramData.Bytes) ·
///                 fixed values, fixed bytes and lengths: none (lengths are computed)
/// </code>
/// Three in four random corruption bytes leave the message well-formed, so most of what the fuzzer runs
/// gets past the dext's header checks, and the rest probes exactly those checks: a wrong magic, a
/// version out of the set, a length one more than the payload, a payload over its bound.
/// </summary>
public static class TemplateMessages
{
    /// <summary>Corruption bytes at or above this make the message off-template.</summary>
    public const byte CorruptionBase = 0xC0;

    public static int ChoiceLength(StructTemplate template) => 1 + template.Fields.Sum(FieldChoices);

    static int FieldChoices(TemplateField field) => field.Rule switch
    {
        FieldRule.OneOf => 1,
        FieldRule.Range => field.Type.Width,
        FieldRule.SizedBytes { MinSize: var min, MaxSize: var max } => min == max ? 1 : 3,
        _ => 0,
    };

    /// <summary>How many ways <see cref="Build"/> can corrupt a message: one per field, then one byte short, one byte long.</summary>
    public static int CorruptionCount(StructTemplate template) => template.Fields.Length + 2;

    /// <summary>Choice bytes, all <paramref name="fill"/>, for a well-formed message (the fixed calls of sweeps and seeds).</summary>
    public static byte[] WellFormedChoices(StructTemplate template, byte fill)
    {
        var choices = new byte[ChoiceLength(template)];
        Array.Fill(choices, fill, 1, choices.Length - 1);
        return choices;
    }

    /// <summary>Choice bytes for the message with corruption <paramref name="index"/> (0 ≤ index &lt; <see cref="CorruptionCount"/>).</summary>
    public static byte[] CorruptChoices(StructTemplate template, int index, byte fill)
    {
        var choices = WellFormedChoices(template, fill);
        choices[0] = (byte)(CorruptionBase + index);
        return choices;
    }

    /// <summary>The message the choices pick; missing choice bytes read as 0.</summary>
    public static EquatableArray<byte> Build(StructTemplate template, ReadOnlySpan<byte> choices)
    {
        var reader = new Choices(choices);
        var corruption = reader.Next();
        var corrupt = corruption >= CorruptionBase ? (corruption - CorruptionBase) % CorruptionCount(template) : -1;
        var fields = template.Fields;

        // Sizes first (a length field needs its target's size), then values.
        var sizes = new int[fields.Length];
        var values = new ulong[fields.Length];
        var contents = new byte[fields.Length];
        for (var k = 0; k < fields.Length; k++)
        {
            var field = fields[k];
            switch (field.Rule)
            {
                case FieldRule.Fixed f: values[k] = f.Value; break;
                case FieldRule.OneOf o: values[k] = o.Values[reader.Next() % o.Values.Length]; break;
                case FieldRule.Range r: values[k] = InRange(reader.Integer(field.Type.Width), field.Type.MaxValue, r.Min, r.Max); break;
                case FieldRule.SizedBytes s:
                    var steps = (s.MaxSize - s.MinSize) / s.MultipleOf + 1;
                    sizes[k] = s.MinSize + (steps == 1 ? 0 : (int)(reader.Integer(2) % (ulong)steps)) * s.MultipleOf;
                    contents[k] = reader.Next();
                    break;
            }
            if (field.FixedSize is { } size) sizes[k] = size;
        }
        if (corrupt >= 0 && corrupt < fields.Length && fields[corrupt].Rule is FieldRule.SizedBytes sized)
            sizes[corrupt] = sized.MaxSize + sized.MultipleOf; // a payload past its bound, its length field following it
        for (var k = 0; k < fields.Length; k++)
            if (fields[k].Rule is FieldRule.LengthOf) values[k] = LengthValue(template, k, sizes);
        if (corrupt >= 0 && corrupt < fields.Length) values[corrupt] = OffValue(fields[corrupt], values[corrupt]);

        var total = sizes.Sum();
        var message = new byte[total + (corrupt == fields.Length + 1 ? 1 : 0)];
        var offset = 0;
        for (var k = 0; k < fields.Length; k++)
        {
            var span = message.AsSpan(offset, sizes[k]);
            switch (fields[k].Rule)
            {
                case FieldRule.FixedBytes b:
                    b.Bytes.AsSpan().CopyTo(span);
                    if (corrupt == k && span.Length > 0) span[0] ^= 0xFF;
                    break;
                case FieldRule.SizedBytes:
                    ProgramData.Bytes(sizes[k], contents[k]).AsSpan().CopyTo(span);
                    break;
                default:
                    fields[k].Type.Write(span, values[k]);
                    break;
            }
            offset += sizes[k];
        }
        if (corrupt == fields.Length + 1) message[^1] = 0x41;
        if (corrupt == fields.Length && total > 0) return EquatableArray<byte>.TakeOwnership(message[..^1]);
        return EquatableArray<byte>.TakeOwnership(message);
    }

    static ulong LengthValue(StructTemplate template, int index, int[] sizes)
    {
        var rule = (FieldRule.LengthOf)template.Fields[index].Rule;
        var target = template.Fields.IndexOf(template.Find(rule.Field)!);
        return unchecked((ulong)(sizes[target] + rule.Adjust)) & template.Fields[index].Type.MaxValue;
    }

    /// <summary>A value the field's rule does not allow, when there is one: next to the allowed ones, where checks are off by one.</summary>
    static ulong OffValue(TemplateField field, ulong value)
    {
        var max = field.Type.MaxValue;
        return field.Rule switch
        {
            FieldRule.Fixed f => f.Value ^ 1,
            FieldRule.OneOf o => Enumerable.Range(1, o.Values.Length + 1).Select(d => (o.Values.Max() + (ulong)d) & max).FirstOrDefault(v => !o.Values.Contains(v), value),
            FieldRule.Range r when r.Max < max => r.Max + 1,
            FieldRule.Range r when r.Min > 0 => r.Min - 1,
            FieldRule.LengthOf => (value + 1) & max, // says one byte more than there is
            _ => value,
        };
    }

    /// <summary>Min..Max from a raw choice: all zeros give Min and all ones Max, where off-by-one bugs live.</summary>
    static ulong InRange(ulong raw, ulong rawMax, ulong min, ulong max)
    {
        if (raw == rawMax) return max;
        if (min == 0 && max == ulong.MaxValue) return raw;
        var span = max - min + 1;
        return min + raw % span;
    }

    ref struct Choices(ReadOnlySpan<byte> data)
    {
        readonly ReadOnlySpan<byte> _data = data;
        int _position;

        public byte Next() => _position < _data.Length ? _data[_position++] : (byte)0;

        /// <summary>A little-endian integer of <paramref name="width"/> choice bytes.</summary>
        public ulong Integer(int width)
        {
            ulong value = 0;
            for (var k = 0; k < width; k++) value |= (ulong)Next() << (8 * k);
            return value;
        }
    }
}

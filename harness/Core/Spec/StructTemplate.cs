using System.Collections.Immutable;
using System.Globalization;

namespace ConformanceKit.Spec;

/// <summary>
/// A selector's structure input described field by field (spec key <c>structInput:</c> with
/// <c>fields:</c>): a framed message with a magic number, a version, a length and a payload, say.
/// dispatch.accept holds the dext to accepting only the inputs that match it (the rest are judged by
/// the rules that presume nothing about the contents), and the generators and the fuzzer build
/// inputs from it so they get past the dext's header checks. At most one field varies in size, so
/// an input's size alone says where every field lies.
/// </summary>
public sealed record StructTemplate(ImmutableArray<TemplateField> Fields, ShapeSize DispatchSize, int Line)
{
    /// <summary>Templates larger than this are refused: every generated message is built in memory.</summary>
    public const int MaxBytes = 1 << 20;

    public int MinSize => Fields.Sum(f => f.MinSize);

    public int MaxSize => Fields.Sum(f => f.MaxSize);

    public bool IsFixedSize => MinSize == MaxSize;

    public TemplateField? Find(string name) => Fields.FirstOrDefault(f => f.Name == name);

    /// <summary>Each field's size in a message of <paramref name="total"/> bytes, or null when no well-formed message has that size.</summary>
    public int[]? Sizes(int total)
    {
        var sizes = new int[Fields.Length];
        var fixedSum = 0;
        var variable = -1;
        for (var k = 0; k < Fields.Length; k++)
        {
            if (Fields[k].FixedSize is { } size) fixedSum += sizes[k] = size;
            else variable = k;
        }
        if (variable < 0) return total == fixedSum ? sizes : null;
        var rest = total - fixedSum;
        var rule = (FieldRule.SizedBytes)Fields[variable].Rule;
        if (rest < rule.MinSize || rest > rule.MaxSize || rest % rule.MultipleOf != 0) return null;
        sizes[variable] = rest;
        return sizes;
    }

    /// <summary>Why the input is not a well-formed message (the first field that is off), or null when it matches.</summary>
    public string? FirstMismatch(ReadOnlySpan<byte> input)
    {
        if (Sizes(input.Length) is not { } sizes) return $"{input.Length} bytes is not a size the template has ({DescribeSizes()})";
        var offset = 0;
        for (var k = 0; k < Fields.Length; k++)
        {
            var field = Fields[k];
            var bytes = input.Slice(offset, sizes[k]);
            offset += sizes[k];
            if (field.Type.IsInteger)
            {
                var value = field.Type.Read(bytes);
                var wanted = field.Rule switch
                {
                    FieldRule.Fixed f => f.Value == value ? null : Hex(f.Value),
                    FieldRule.OneOf o => o.Values.Contains(value) ? null : "one of " + string.Join(", ", o.Values.Select(Hex)),
                    FieldRule.Range r => value >= r.Min && value <= r.Max ? null : $"{Hex(r.Min)}..{Hex(r.Max)}",
                    FieldRule.LengthOf l => LengthValue(field, sizes) == value ? null : $"{Hex(LengthValue(field, sizes))} (the size of {l.Field}{Adjusted(l.Adjust)})",
                    _ => null,
                };
                if (wanted is not null) return $"field {field.Name} at byte {offset - sizes[k]} is {Hex(value)}, not {wanted}";
            }
            else if (field.Rule is FieldRule.FixedBytes fixedBytes && !bytes.SequenceEqual(fixedBytes.Bytes.AsSpan()))
            {
                return $"field {field.Name} at byte {offset - sizes[k]} is {Convert.ToHexString(bytes)}, not {Convert.ToHexString(fixedBytes.Bytes.AsSpan())}";
            }
        }
        return null;
    }

    /// <summary>The integer field's value in the input, or null when the input is not one of the template's sizes.</summary>
    public ulong? ReadInteger(ReadOnlySpan<byte> input, string name)
    {
        if (Sizes(input.Length) is not { } sizes) return null;
        var offset = 0;
        for (var k = 0; k < Fields.Length; k++)
        {
            if (Fields[k].Name == name) return Fields[k].Type.IsInteger ? Fields[k].Type.Read(input.Slice(offset, sizes[k])) : null;
            offset += sizes[k];
        }
        return null;
    }

    /// <summary>The value a length field holds in a message whose fields have these sizes (wrapping to the field's width).</summary>
    public ulong LengthValue(TemplateField field, int[] sizes)
    {
        var rule = (FieldRule.LengthOf)field.Rule;
        var index = Fields.IndexOf(Find(rule.Field)!);
        return unchecked((ulong)(sizes[index] + rule.Adjust)) & field.Type.MaxValue;
    }

    public string DescribeSizes() => IsFixedSize ? $"{MinSize} bytes" : $"{MinSize}..{MaxSize} bytes";

    static string Adjusted(long adjust) => adjust switch
    {
        0 => "",
        > 0 => $" + {adjust}",
        _ => $" - {-adjust}",
    };

    static string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);
}

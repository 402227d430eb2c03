using System.Collections.Immutable;

namespace ConformanceKit.Spec;

/// <summary>
/// One field of a <see cref="StructTemplate"/>: its name, how it is stored, and what a well-formed
/// message holds there (<see cref="FieldRule"/>).
/// </summary>
public sealed record TemplateField(string Name, FieldType Type, FieldRule Rule, int Line)
{
    /// <summary>Bytes the field takes when its size does not vary (integers, fixed bytes, a bytes field of one size).</summary>
    public int? FixedSize => Rule switch
    {
        _ when Type.IsInteger => Type.Width,
        FieldRule.FixedBytes fixedBytes => fixedBytes.Bytes.Length,
        FieldRule.SizedBytes { MinSize: var min, MaxSize: var max } when min == max => min,
        _ => null,
    };

    public int MinSize => FixedSize ?? ((FieldRule.SizedBytes)Rule).MinSize;

    public int MaxSize => FixedSize ?? ((FieldRule.SizedBytes)Rule).MaxSize;
}

/// <summary>What a well-formed message holds in one field.</summary>
public abstract record FieldRule
{
    /// <summary>Exactly this value (a magic number, a version).</summary>
    public sealed record Fixed(ulong Value) : FieldRule;

    /// <summary>One of these values (message types, flags a dext accepts).</summary>
    public sealed record OneOf(ImmutableArray<ulong> Values) : FieldRule;

    /// <summary>A value from Min to Max inclusive; a field with no rule is the type's whole range.</summary>
    public sealed record Range(ulong Min, ulong Max) : FieldRule;

    /// <summary>The size in bytes of another field, plus Adjust (a length that counts the header too, or type bits sharing the word).</summary>
    public sealed record LengthOf(string Field, long Adjust) : FieldRule;

    /// <summary>These bytes exactly (reserved zeros, a fixed tag).</summary>
    public sealed record FixedBytes(ImmutableArray<byte> Bytes) : FieldRule;

    /// <summary>Any bytes, MinSize to MaxSize of them, the size a multiple of MultipleOf (a payload).</summary>
    public sealed record SizedBytes(int MinSize, int MaxSize, int MultipleOf) : FieldRule;
}

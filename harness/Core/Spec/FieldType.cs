using System.Buffers.Binary;

namespace ConformanceKit.Spec;

/// <summary>
/// How a field of a <see cref="StructTemplate"/> is stored: an unsigned integer of 1, 2, 4 or 8 bytes in
/// a stated byte order, or raw bytes. The byte order is always spelled out (u16le, u16be): a message
/// format that is read on the wrong end is exactly the bug a template must not hide.
/// </summary>
public sealed record FieldType(string Name, int Width, bool BigEndian)
{
    public static readonly FieldType Bytes = new("bytes", 0, false);

    public static readonly IReadOnlyList<FieldType> All =
    [
        new("u8", 1, false),
        new("u16le", 2, false), new("u16be", 2, true),
        new("u32le", 4, false), new("u32be", 4, true),
        new("u64le", 8, false), new("u64be", 8, true),
        Bytes,
    ];

    public bool IsInteger => Width > 0;

    /// <summary>The largest value the field holds.</summary>
    public ulong MaxValue => Width >= 8 ? ulong.MaxValue : (1UL << (Width * 8)) - 1;

    public static FieldType? Find(string name) => All.FirstOrDefault(t => t.Name == name);

    public ulong Read(ReadOnlySpan<byte> bytes) => (Width, BigEndian) switch
    {
        (1, _) => bytes[0],
        (2, false) => BinaryPrimitives.ReadUInt16LittleEndian(bytes),
        (2, true) => BinaryPrimitives.ReadUInt16BigEndian(bytes),
        (4, false) => BinaryPrimitives.ReadUInt32LittleEndian(bytes),
        (4, true) => BinaryPrimitives.ReadUInt32BigEndian(bytes),
        (8, false) => BinaryPrimitives.ReadUInt64LittleEndian(bytes),
        (8, true) => BinaryPrimitives.ReadUInt64BigEndian(bytes),
        _ => throw new InvalidOperationException($"{Name} is not an integer type"),
    };

    /// <summary>Writes the value's low <see cref="Width"/> bytes.</summary>
    public void Write(Span<byte> bytes, ulong value)
    {
        switch (Width, BigEndian)
        {
            case (1, _): bytes[0] = (byte)value; break;
            case (2, false): BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)value); break;
            case (2, true): BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)value); break;
            case (4, false): BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)value); break;
            case (4, true): BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)value); break;
            case (8, false): BinaryPrimitives.WriteUInt64LittleEndian(bytes, value); break;
            case (8, true): BinaryPrimitives.WriteUInt64BigEndian(bytes, value); break;
            default: throw new InvalidOperationException($"{Name} is not an integer type");
        }
    }

    public override string ToString() => Name;
}

using ConformanceKit.Spec;

namespace ConformanceKit.Tests.Support;

/// <summary>A spec whose selector 0 takes a framed message: the structure input template's tests share it.</summary>
public static class TemplateSpecs
{
    /// <summary>Selector 0: magic, version (1 or 2), flags (0..3), a big-endian sequence number, a length
    /// counting the 24-byte header, 4 reserved zero bytes, a payload of 0..256 bytes. Selector 1: a fixed-size
    /// message, checked by the table.</summary>
    public const string Framed = """
        specVersion: 1
        dext: Framed
        selectors:
          - selector: 0
            name: Message
            checked: false
            structInput:
              fields:
                - { name: magic, type: u32le, value: 0x4b434d53 }
                - { name: version, type: u16le, values: [1, 2] }
                - { name: flags, type: u16le, range: 0..3 }
                - { name: sequence, type: u64be }
                - { name: length, type: u32le, lengthOf: payload, adjust: 24 }
                - { name: reserved, type: bytes, hex: "00000000" }
                - { name: payload, type: bytes, size: 0..256 }
            scalarOutput: 1
          - selector: 1
            name: Fixed
            structInput:
              fields:
                - { name: tag, type: u8, values: [1, 7] }
                - { name: word, type: u32be, range: 10..20 }
        """;

    static DispatchSpec? _spec;

    public static DispatchSpec Spec => _spec ??= SpecLoader.Parse(Framed, "framed.yaml");

    public static StructTemplate Message => Spec.Find(0)!.Template!;

    /// <summary>A well-formed message of selector 0 with this payload.</summary>
    public static byte[] MessageWith(byte[] payload, ushort version = 1, ushort flags = 0)
    {
        var bytes = new byte[24 + payload.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes, 0x4b434d53);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(4), version);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(6), flags);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(8), 42);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), (uint)(24 + payload.Length));
        payload.CopyTo(bytes, 24);
        return bytes;
    }
}

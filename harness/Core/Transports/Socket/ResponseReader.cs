using System.Buffers.Binary;
using System.Text;

namespace ConformanceKit.Transports.Socket;

/// <summary>
/// Reads the little-endian fields of one response payload. A payload of the wrong shape means host and
/// harness disagree on the protocol, which no retry fixes: it is a setup error.
/// </summary>
internal ref struct ResponseReader(HostOp op, int status, ReadOnlySpan<byte> payload)
{
    readonly ReadOnlySpan<byte> _payload = payload;
    int _offset;

    public HostOp Op { get; } = op;

    /// <summary>The dksim function's return value (an IOReturn for most operations).</summary>
    public int Status { get; } = status;

    public uint U32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public int I32() => (int)U32();

    public ulong U64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public long I64() => (long)U64();

    /// <summary>u32 byte count, then UTF-8.</summary>
    public string String() => Encoding.UTF8.GetString(Take((int)Math.Min(U32(), int.MaxValue)));

    public ReadOnlySpan<byte> Bytes(int count) => Take(count);

    /// <summary>Bytes not read yet.</summary>
    public readonly int Remaining => _payload.Length - _offset;

    /// <summary>True when every byte of the payload has been read.</summary>
    public readonly bool AtEnd => _offset == _payload.Length;

    /// <summary>Checks that nothing is left over.</summary>
    public readonly void End()
    {
        if (_offset != _payload.Length)
            throw Malformed($"{_payload.Length - _offset} bytes left over");
    }

    ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > _payload.Length - _offset)
            throw Malformed($"needs {count} more bytes at offset {_offset} of {_payload.Length}");
        var span = _payload.Slice(_offset, count);
        _offset += count;
        return span;
    }

    readonly TransportSetupException Malformed(string detail) =>
        new($"dexthost answered {Op} with a payload this harness does not understand ({detail}): host and harness are from different builds");
}

using System.Buffers.Binary;
using System.Text;

namespace ConformanceKit.Transports.Socket;

/// <summary>
/// Builds one request frame (u32 length, u32 op, little-endian payload) in a buffer reused across
/// calls, so a call with a large struct does not allocate per request.
/// </summary>
internal sealed class FrameWriter
{
    const int HeaderSize = 8;
    byte[] _buffer = new byte[4096];
    int _length;

    public HostOp Op { get; private set; }

    /// <summary>The frame's bytes so far, its header included.</summary>
    public int Length => _length;

    public FrameWriter Start(HostOp op)
    {
        Op = op;
        _length = HeaderSize;
        return this;
    }

    public FrameWriter U32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(Reserve(4), value);
        return this;
    }

    public FrameWriter I32(int value) => U32((uint)value);

    public FrameWriter U64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);
        return this;
    }

    /// <summary>u32 count, then the values.</summary>
    public FrameWriter Scalars(ReadOnlySpan<ulong> values)
    {
        U32((uint)values.Length);
        foreach (var value in values) U64(value);
        return this;
    }

    /// <summary>u64 size, then the bytes.</summary>
    public FrameWriter Bytes(ReadOnlySpan<byte> bytes)
    {
        U64((ulong)bytes.Length);
        bytes.CopyTo(Reserve(bytes.Length));
        return this;
    }

    /// <summary>u32 byte count, then UTF-8 without a terminator.</summary>
    public FrameWriter String(string text)
    {
        var size = Encoding.UTF8.GetByteCount(text);
        if (size > HostLimits.MaxStringBytes)
            throw new ArgumentException($"'{text[..Math.Min(32, text.Length)]}...' is {size} bytes of UTF-8; dexthost takes at most {HostLimits.MaxStringBytes}");
        U32((uint)size);
        Encoding.UTF8.GetBytes(text, Reserve(size));
        return this;
    }

    /// <summary>The finished frame, valid until the next <see cref="Start"/>.</summary>
    public ReadOnlySpan<byte> Finish()
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer, (uint)(_length - 4));
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(4), (uint)Op);
        return _buffer.AsSpan(0, _length);
    }

    Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}

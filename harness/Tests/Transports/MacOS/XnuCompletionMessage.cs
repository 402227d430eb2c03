using System.Buffers.Binary;

namespace ConformanceKit.Tests.Transports.MacOS;

/// <summary>
/// Builds an async completion the way xnu's IOUserClient::_sendAsyncResult64 does for a 64-bit task,
/// as the app receives it: a ReplyMsg whose msg64 member is OSNotificationHeader64 (72 bytes, 8-byte
/// aligned), IOAsyncCompletionContent (4) and 16 packed arguments, so sizeof(msg64) is 204 rounded
/// up to 208; msgh_size is 24 + 208 - (16 - n) * 8, four bytes more than the data; notifyHdr.size
/// is 4 + 8n; reference[0] is zero and 1..7 are the app's.
/// </summary>
static class XnuCompletionMessage
{
    const int HeaderSize = 24;
    const int Msg64Size = 208;

    public static byte[] Build(ulong[] reference, int result, ulong[] args, uint extraTypeBits = 0, int id = 53, uint bits = 0x12)
    {
        var size = HeaderSize + Msg64Size - (16 - args.Length) * 8;
        var message = new byte[HeaderSize + Msg64Size + 8]; // room for a trailer, as a receive buffer has
        var span = message.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, bits);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)size);
        BinaryPrimitives.WriteInt32LittleEndian(span[20..], id);
        BinaryPrimitives.WriteUInt32LittleEndian(span[24..], (uint)(4 + args.Length * 8));
        BinaryPrimitives.WriteUInt32LittleEndian(span[28..], 150 | extraTypeBits);
        for (var k = 1; k < 8; k++) BinaryPrimitives.WriteUInt64LittleEndian(span[(32 + k * 8)..], reference[k]);
        BinaryPrimitives.WriteInt32LittleEndian(span[96..], result);
        for (var k = 0; k < args.Length; k++) BinaryPrimitives.WriteUInt64LittleEndian(span[(100 + k * 8)..], args[k]);
        return message;
    }

    /// <summary>The message as received: msgh_size bytes.</summary>
    public static ReadOnlySpan<byte> Received(byte[] message) => message.AsSpan(0, (int)BinaryPrimitives.ReadUInt32LittleEndian(message.AsSpan(4)));
}

using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using ConformanceKit.Transports.MacOS.Native;

namespace ConformanceKit.Transports.MacOS;

/// <summary>
/// One async completion as the kernel sends it to the wake port (xnu IOUserClient::_sendAsyncResult64,
/// 64-bit layout): mach header, OSNotificationHeader64 carrying the app's async reference, the
/// IOReturn, then the arguments. Parsed here rather than through IOKitLib's dispatcher because
/// IODispatchCalloutFromCFMessage picks the callback's C signature from the argument count
/// (IOAsyncCallback0/1/2 for 0–2 arguments, IOAsyncCallback with an args pointer from 3 on), so a
/// single callback cannot read every completion correctly and a dext sending fewer arguments than
/// expected would make it dereference an argument value. Reading the message gives the exact count.
/// </summary>
internal sealed record AsyncCompletionMessage(ulong[] Reference, int Result, ulong[] Arguments)
{
    /// <summary>Where OSNotificationHeader64 starts: right after the 24-byte mach header.</summary>
    public static readonly int NotificationOffset = Unsafe.SizeOf<MachMessageHeader>();

    /// <summary>Where OSNotificationHeader64.reference starts.</summary>
    public static readonly int ReferenceOffset = NotificationOffset + sizeof(uint) * 2;

    /// <summary>Where IOAsyncCompletionContent (the IOReturn) starts.</summary>
    public static readonly int ContentOffset = NotificationOffset + Unsafe.SizeOf<OSNotificationHeader64>();

    /// <summary>Where the packed 64-bit arguments start.</summary>
    public static readonly int ArgumentsOffset = ContentOffset + Unsafe.SizeOf<IOAsyncCompletionContent>();

    /// <summary>
    /// Reads a received message (msgh_size bytes). Returns null, with the reason, for anything that is
    /// not a simple 64-bit async completion; the argument count follows IOKitLib's arithmetic
    /// (bytes after the notification header, less the padding the type word declares, less the
    /// IOReturn, in whole 64-bit words), which also absorbs the 4 bytes of tail padding xnu's
    /// msgh_size includes.
    /// </summary>
    public static AsyncCompletionMessage? Parse(ReadOnlySpan<byte> message, out string? rejected)
    {
        rejected = null;
        if (message.Length < ContentOffset)
            return Reject($"{message.Length} bytes is shorter than a notification header", out rejected);
        var bits = BinaryPrimitives.ReadUInt32LittleEndian(message);
        var size = BinaryPrimitives.ReadUInt32LittleEndian(message[4..]);
        var id = BinaryPrimitives.ReadInt32LittleEndian(message[20..]);
        if (id != IOKitConstants.kOSNotificationMessageID)
            return Reject($"msgh_id {id} is not kOSNotificationMessageID", out rejected);
        if ((bits & MachConstants.MACH_MSGH_BITS_COMPLEX) != 0)
            return Reject("a complex message (async results are always simple)", out rejected);
        if (size > message.Length || size < ContentOffset)
            return Reject($"msgh_size {size} does not fit the {message.Length} bytes received", out rejected);

        var type = BinaryPrimitives.ReadUInt32LittleEndian(message[(NotificationOffset + 4)..]);
        if ((type & IOKitConstants.kIOKitNoticationTypeMask) != IOKitConstants.kIOAsyncCompletionNotificationType)
            return Reject($"notification type {type & IOKitConstants.kIOKitNoticationTypeMask} is not an async completion", out rejected);
        var padding = (type >> IOKitConstants.kIOKitNoticationTypeSizeAdjShift) & IOKitConstants.kIOKitNoticationMsgSizeMask;
        var leftOver = (long)size - ContentOffset - padding - Unsafe.SizeOf<IOAsyncCompletionContent>();
        if (leftOver < 0)
            return Reject($"msgh_size {size} leaves no room for the IOReturn", out rejected);
        var count = leftOver / sizeof(ulong);
        if (count > IOKitConstants.kMaxAsyncArgs)
            return Reject($"{count} arguments is more than kMaxAsyncArgs", out rejected);

        var reference = new ulong[IOKitConstants.kOSAsyncRef64Count];
        for (var k = 0; k < reference.Length; k++)
            reference[k] = BinaryPrimitives.ReadUInt64LittleEndian(message[(ReferenceOffset + k * sizeof(ulong))..]);
        var result = BinaryPrimitives.ReadInt32LittleEndian(message[ContentOffset..]);
        var arguments = new ulong[count];
        for (var k = 0; k < arguments.Length; k++)
            arguments[k] = BinaryPrimitives.ReadUInt64LittleEndian(message[(ArgumentsOffset + k * sizeof(ulong))..]);
        return new AsyncCompletionMessage(reference, result, arguments);
    }

    static AsyncCompletionMessage? Reject(string why, out string? rejected)
    {
        rejected = why;
        return null;
    }
}

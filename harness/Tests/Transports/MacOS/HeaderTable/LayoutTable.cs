using ConformanceKit.Transports.MacOS;
using ConformanceKit.Transports.MacOS.Native;

namespace ConformanceKit.Tests.Transports.MacOS.HeaderTable;

/// <summary>
/// The structs the transport reads, and the layout of the completion message as xnu composes it
/// (IOUserClient::_sendAsyncResult64's ReplyMsg, 64-bit branch: the header, then
/// OSNotificationHeader64 at its natural 8-byte alignment, then IOAsyncCompletionContent, then the
/// arguments packed).
/// </summary>
public static class LayoutTable
{
    public static IReadOnlyList<LayoutEntry> Entries { get; } =
    [
        new("mach_msg_header_t", typeof(MachMessageHeader), 24,
        [
            new("msgh_bits", "mach_msg_bits_t", 0),
            new("msgh_size", "mach_msg_size_t", 4),
            new("msgh_remote_port", "mach_port_t", 8),
            new("msgh_local_port", "mach_port_t", 12),
            new("msgh_voucher_port", "mach_port_name_t", 16),
            new("msgh_id", "mach_msg_id_t", 20),
        ], new("xnu/osfmk/mach/message.h", 597)),
        new("OSNotificationHeader64", typeof(OSNotificationHeader64), 72,
        [
            new("size", "mach_msg_size_t", 0),
            new("type", "natural_t", 4),
            new("reference", "OSAsyncReference64", 8),
        ], new("xnu/iokit/IOKit/OSMessageNotification.h", 95)),
        new("IOAsyncCompletionContent", typeof(IOAsyncCompletionContent), 4,
        [
            new("result", "IOReturn", 0),
        ], new("xnu/iokit/IOKit/OSMessageNotification.h", 144)),
        new("ReplyMsg.msg64 (async completion message)", typeof(AsyncCompletionMessage), 100,
        [
            new("msgHdr", null, 0),
            new("notifyHdr", null, 24),
            new("notifyHdr.reference", null, 32),
            new("asyncContent", null, 96),
            new("args", null, 100),
        ], new("xnu/iokit/Kernel/IOUserClient.cpp", 2282)),
    ];
}

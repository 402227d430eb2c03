namespace ConformanceKit.Tests.Transports.MacOS.HeaderTable;

/// <summary>
/// Every constant of Native/IOKitConstants, MachConstants and DispatchConstants, with the header line
/// that defines it. For enum members the evidence is the member's own name: the header check
/// evaluates the enum (implicit members count on from the previous one).
/// </summary>
public static class ConstantTable
{
    static Citation N(int line) => new("xnu/iokit/IOKit/OSMessageNotification.h", line);
    static Citation M(int line) => new("xnu/osfmk/mach/message.h", line);

    public static IReadOnlyList<ConstantEntry> Entries { get; } =
    [
        new("kIOMainPortDefault", 0L, new("IOKitUser/IOKitLib.h", 107), "synonym for NULL"),
        new("kIOAsyncCompletionNotificationType", 150L, N(51), "150"),
        new("kIOKitNoticationTypeMask", 0xFFFL, N(56), "0x00000FFF"),
        new("kIOKitNoticationTypeSizeAdjShift", 30L, N(57), "30"),
        new("kIOKitNoticationMsgSizeMask", 3L, N(58), "3"),
        new("kOSNotificationMessageID", 53L, N(62), "53"),
        new("kMaxAsyncArgs", 16L, N(64), "16"),
        new("kIOAsyncReservedIndex", 0L, N(68), "0"),
        new("kIOAsyncCalloutFuncIndex", 1L, N(71), "kIOAsyncCalloutFuncIndex"),
        new("kIOAsyncCalloutRefconIndex", 2L, N(72), "kIOAsyncCalloutRefconIndex"),
        new("kIOAsyncCalloutCount", 3L, N(73), "kIOAsyncCalloutCount"),
        new("kOSAsyncRef64Count", 8L, N(89), "8"),
        new("kIOFirstMatchNotification", "IOServiceFirstMatch", new("xnu/iokit/IOKit/IOKitKeys.h", 205), "\"IOServiceFirstMatch\""),
        new("kIOReturnOffline", 0xE00002D7L, new("xnu/iokit/IOKit/IOReturn.h", 170), "iokit_common_err(0x2d7)"),

        new("MACH_PORT_NULL", 0L, new("xnu/osfmk/mach/port.h", 217), "0"),
        new("KERN_SUCCESS", 0L, new("xnu/osfmk/mach/kern_return.h", 72), "0"),
        new("MACH_RCV_MSG", 0x2L, M(1008), "0x00000002"),
        new("MACH_RCV_TIMEOUT", 0x100L, M(1029), "0x00000100"),
        new("MACH_MSG_TIMEOUT_NONE", 0L, M(107), "((mach_msg_timeout_t) 0)"),
        new("MACH_MSG_SUCCESS", 0L, M(1319), "0x00000000"),
        new("MACH_RCV_TIMED_OUT", 0x10004003L, M(1384), "0x10004003"),
        new("MACH_RCV_TOO_LARGE", 0x10004004L, M(1386), "0x10004004"),
        new("MACH_SEND_INVALID_DEST", 0x10000003L, M(1337), "0x10000003"),
        new("MACH_MSGH_BITS_COMPLEX", 0x80000000L, M(152), "0x80000000U"),
        new("mach_task_self_", "mach_task_self_", new("xnu/libsyscall/mach/mach/mach_init.h", 82), "mach_task_self_;"),

        new("DISPATCH_QUEUE_SERIAL", 0L, new("libdispatch/dispatch/queue.h", 755), "NULL"),
        new("DISPATCH_SOURCE_TYPE_MACH_RECV", "_dispatch_source_type_mach_recv", new("libdispatch/dispatch/source.h", 131), "(&_dispatch_source_type_mach_recv)"),
    ];
}

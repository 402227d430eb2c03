using ConformanceKit.Transports.MacOS.Native;

namespace ConformanceKit.Tests.Transports.MacOS.HeaderTable;

/// <summary>
/// Every function the macOS transport binds, as declared in Apple's headers (pinned in
/// <see cref="AppleSource"/>). The line is the one naming the function; the return type is on it or
/// on the line before.
/// </summary>
public static class FunctionTable
{
    const string IOKit = NativeLibraries.IOKit;
    const string LibSystem = NativeLibraries.LibSystem;

    static Citation K(int line) => new("IOKitUser/IOKitLib.h", line);
    static Citation D(string path, int line) => new("libdispatch/dispatch/" + path, line);

    static readonly string[] CallInputs = ["const uint64_t *", "uint32_t", "const void *", "size_t"];
    static readonly string[] CallOutputs = ["uint64_t *", "uint32_t *", "void *", "size_t *"];

    public static IReadOnlyList<FunctionEntry> Entries { get; } =
    [
        new("IOServiceNameMatching", IOKit, "CFMutableDictionaryRef", ["const char *"], K(1339)),
        new("IOServiceGetMatchingService", IOKit, "io_service_t", ["mach_port_t", "CFDictionaryRef"], K(430)),
        new("IOServiceGetMatchingServices", IOKit, "kern_return_t", ["mach_port_t", "CFDictionaryRef", "io_iterator_t *"], K(443)),
        new("IOServiceAddMatchingNotification", IOKit, "kern_return_t",
            ["IONotificationPortRef", "const io_name_t", "CFDictionaryRef", "IOServiceMatchingCallback", "void *", "io_iterator_t *"], K(475)),
        new("IOIteratorNext", IOKit, "io_object_t", ["io_iterator_t"], K(392)),
        new("IOObjectRelease", IOKit, "kern_return_t", ["io_object_t"], K(267)),
        new("IOServiceOpen", IOKit, "kern_return_t", ["io_service_t", "task_port_t", "uint32_t", "io_connect_t *"], K(591)),
        new("IOServiceClose", IOKit, "kern_return_t", ["io_connect_t"], K(644)),
        new("IOConnectCallMethod", IOKit, "kern_return_t", ["mach_port_t", "uint32_t", .. CallInputs, .. CallOutputs], K(825)),
        new("IOConnectCallAsyncMethod", IOKit, "kern_return_t",
            ["mach_port_t", "uint32_t", "mach_port_t", "uint64_t *", "uint32_t", .. CallInputs, .. CallOutputs], K(839)),
        new("IONotificationPortCreate", IOKit, "IONotificationPortRef", ["mach_port_t"], K(156)),
        new("IONotificationPortDestroy", IOKit, "void", ["IONotificationPortRef"], K(167)),
        new("IONotificationPortGetMachPort", IOKit, "mach_port_t", ["IONotificationPortRef"], K(199)),
        new("IONotificationPortSetDispatchQueue", IOKit, "void", ["IONotificationPortRef", "dispatch_queue_t"], K(222)),

        new("mach_msg", LibSystem, "mach_msg_return_t",
            ["mach_msg_header_t *", "mach_msg_option_t", "mach_msg_size_t", "mach_msg_size_t", "mach_port_name_t", "mach_msg_timeout_t", "mach_port_name_t"],
            new("xnu/osfmk/mach/message.h", 1468)),
        new("mach_msg_destroy", LibSystem, "void", ["mach_msg_header_t *"], new("xnu/libsyscall/mach/mach/mach.h", 97)),

        new("dispatch_queue_create", LibSystem, "dispatch_queue_t", ["const char *", "dispatch_queue_attr_t"], D("queue.h", 1122)),
        new("dispatch_sync_f", LibSystem, "void", ["dispatch_queue_t", "void *", "dispatch_function_t"], D("queue.h", 373)),
        new("dispatch_source_create", LibSystem, "dispatch_source_t", ["dispatch_source_type_t", "uintptr_t", "uintptr_t", "dispatch_queue_t"], D("source.h", 400)),
        new("dispatch_source_set_event_handler_f", LibSystem, "void", ["dispatch_source_t", "dispatch_function_t"], D("source.h", 446)),
        new("dispatch_source_set_cancel_handler_f", LibSystem, "void", ["dispatch_source_t", "dispatch_function_t"], D("source.h", 508)),
        new("dispatch_source_cancel", LibSystem, "void", ["dispatch_source_t"], D("source.h", 537)),
        new("dispatch_set_context", LibSystem, "void", ["dispatch_object_t", "void *"], D("object.h", 346)),
        new("dispatch_activate", LibSystem, "void", ["dispatch_object_t"], D("object.h", 402)),
        new("dispatch_release", LibSystem, "void", ["dispatch_object_t"], D("object.h", 302)),
    ];
}

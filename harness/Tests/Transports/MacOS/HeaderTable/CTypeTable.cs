namespace ConformanceKit.Tests.Transports.MacOS.HeaderTable;

/// <summary>
/// The C types of the declared signatures and layouts, each with the managed type it becomes and the
/// typedef chain (64-bit macOS, arm64 and x86_64 alike) that says why.
/// </summary>
public static class CTypeTable
{
    static Citation X(string path, int line) => new("xnu/" + path, line);
    static Citation K(int line) => new("IOKitUser/IOKitLib.h", line);
    static Citation D(string path, int line) => new("libdispatch/dispatch/" + path, line);

    const string MachPortChain = "mach_port_t -> __darwin_mach_port_t -> __darwin_mach_port_name_t -> __darwin_natural_t = unsigned int";

    static readonly Citation[] MachPortLines =
        [X("bsd/sys/_types/_mach_port_t.h", 50), X("bsd/sys/_types.h", 92), X("bsd/sys/_types.h", 91), X("bsd/arm/_types.h", 51), X("bsd/i386/_types.h", 75)];

    public static IReadOnlyList<CTypeEntry> Entries { get; } =
    [
        new("void", "void", "C", []),
        new("uint32_t", "uint", "C fixed-width", []),
        new("uint64_t", "ulong", "C fixed-width", []),
        new("size_t", "nuint", "unsigned long on LP64", []),
        new("uintptr_t", "nuint", "unsigned long on LP64", []),
        new("char", "byte", "C; a const char * parameter is a NUL-terminated UTF-8 string", []),
        new("unsigned int", "uint", "C", []),
        new("int", "int", "C", []),
        new("natural_t", "uint", "natural_t -> __darwin_natural_t = unsigned int",
            [X("osfmk/mach/arm/vm_types.h", 96), X("osfmk/mach/i386/vm_types.h", 95), X("bsd/arm/_types.h", 51)]),
        new("integer_t", "int", "integer_t = int", [X("osfmk/mach/arm/vm_types.h", 97), X("osfmk/mach/i386/vm_types.h", 96)]),
        new("kern_return_t", "int", "kern_return_t = int", [X("osfmk/mach/arm/kern_return.h", 73), X("osfmk/mach/i386/kern_return.h", 73)]),
        new("IOReturn", "int", "IOReturn -> kern_return_t = int", [X("iokit/IOKit/IOReturn.h", 86)]),
        new("mach_port_t", "uint", MachPortChain, MachPortLines),
        new("mach_port_name_t", "uint", "mach_port_name_t -> natural_t = unsigned int", [X("osfmk/mach/port.h", 109)]),
        new("task_port_t", "uint", "task_port_t -> task_t -> " + MachPortChain,
            [X("osfmk/mach/mach_types.h", 264), X("osfmk/mach/mach_types.h", 176), .. MachPortLines]),
        new("io_object_t", "uint", "io_object_t -> " + MachPortChain + " (user space)", [X("iokit/IOKit/IOTypes.h", 207), .. MachPortLines]),
        new("io_connect_t", "uint", "io_connect_t -> io_object_t", [X("iokit/IOKit/IOTypes.h", 213)]),
        new("io_iterator_t", "uint", "io_iterator_t -> io_object_t", [X("iokit/IOKit/IOTypes.h", 216)]),
        new("io_service_t", "uint", "io_service_t -> io_object_t", [X("iokit/IOKit/IOTypes.h", 218)]),
        new("io_name_t", "string", "char[128]; as a parameter it decays to const char * (a NUL-terminated string)", [X("osfmk/device/device_types.h", 95)]),
        new("io_user_reference_t", "ulong", "uint64_t for LP64 user space", [X("osfmk/device/device_types.h", 110)]),
        new("OSAsyncReference64", "ulong[8]", "io_user_reference_t[kOSAsyncRef64Count]", [X("iokit/IOKit/OSMessageNotification.h", 92)]),
        new("mach_msg_bits_t", "uint", "unsigned int", [X("osfmk/mach/message.h", 230)]),
        new("mach_msg_size_t", "uint", "natural_t", [X("osfmk/mach/message.h", 231)]),
        new("mach_msg_id_t", "int", "integer_t", [X("osfmk/mach/message.h", 232)]),
        new("mach_msg_option_t", "int", "integer_t", [X("osfmk/mach/message.h", 1003)]),
        new("mach_msg_timeout_t", "uint", "natural_t", [X("osfmk/mach/message.h", 100)]),
        new("mach_msg_return_t", "int", "kern_return_t", [X("osfmk/mach/message.h", 1317)]),
        new("mach_msg_header_t", "MachMessageHeader", "struct, see LayoutTable", [X("osfmk/mach/message.h", 603)]),
        new("CFDictionaryRef", "nint", "pointer to an opaque CoreFoundation object; only carried from IOServiceNameMatching into a call that consumes it", [K(432)]),
        new("CFMutableDictionaryRef", "nint", "as CFDictionaryRef (a CFMutableDictionaryRef is one)", [K(1338)]),
        new("IONotificationPortRef", "nint", "struct IONotificationPort * (opaque)", [K(77)]),
        new("IOServiceMatchingCallback", "nint", "function pointer, see CallbackTable", [K(86)]),
        new("dispatch_function_t", "nint", "function pointer, see CallbackTable", [D("base.h", 371)]),
        new("dispatch_queue_t", "nint", "struct dispatch_queue_s * in plain C (DISPATCH_DECL)", [D("queue.h", 70), D("object.h", 142)]),
        new("dispatch_queue_attr_t", "nint", "struct dispatch_queue_attr_s * (DISPATCH_DECL); NULL is DISPATCH_QUEUE_SERIAL", [D("queue.h", 744)]),
        new("dispatch_source_t", "nint", "DISPATCH_SOURCE_DECL(dispatch_source): struct dispatch_source_s *", [D("source.h", 58)]),
        new("dispatch_source_type_t", "nint", "const struct dispatch_source_type_s *", [D("source.h", 74)]),
        new("dispatch_object_t", "nint", "a transparent union of object pointers (DISPATCH_TRANSPARENT_UNION): passed as a pointer", [D("object.h", 140)]),
    ];

    public static CTypeEntry? Find(string cType) => Entries.FirstOrDefault(e => e.CType == cType);

    /// <summary>
    /// The managed type name a declared C type becomes: "const" is dropped, "T *" becomes the mapped
    /// T plus "*" ("void*" for void), "const char *" and io_name_t become "string". Null for a type
    /// not in the table.
    /// </summary>
    public static string? ToManaged(string cType)
    {
        var type = cType.Trim();
        if (type.StartsWith("const ", StringComparison.Ordinal)) type = type["const ".Length..].Trim();
        if (type.EndsWith(" *", StringComparison.Ordinal))
        {
            var pointee = type[..^2].Trim();
            if (pointee == "char") return "string";
            if (pointee == "void") return "void*";
            return Find(pointee) is { } entry ? entry.Managed + "*" : null;
        }
        return Find(type)?.Managed;
    }
}

using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace ConformanceKit.Transports.MacOS.Native;

/// <summary>
/// The IOKitLib functions the transport calls. C types map as in the tests' CTypeTable
/// (every io_*_t and mach_port_t is a 32-bit port name, size_t is nuint, CF and IONotificationPort
/// references are opaque pointers); each signature is listed with its IOKitLib.h line in
/// the tests' FunctionTable (harness/Tests/Transports/MacOS/HeaderTable/), and a test holds these declarations to that table.
/// </summary>
[SupportedOSPlatform("macos")]
internal static unsafe partial class IOKitFramework
{
    /// <summary>Returns a CFMutableDictionaryRef with one retain (0 on failure).</summary>
    [LibraryImport(NativeLibraries.IOKit, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint IOServiceNameMatching(string name);

    /// <summary>Consumes one reference of matching, always; returns a service to release, or 0.</summary>
    [LibraryImport(NativeLibraries.IOKit)]
    public static partial uint IOServiceGetMatchingService(uint mainPort, nint matching);

    /// <summary>Consumes matching; existing is 0 when nothing matched.</summary>
    [LibraryImport(NativeLibraries.IOKit)]
    public static partial int IOServiceGetMatchingServices(uint mainPort, nint matching, out uint existing);

    /// <summary>Consumes matching. The iterator holds the matches so far; draining it arms the notification.</summary>
    [LibraryImport(NativeLibraries.IOKit, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int IOServiceAddMatchingNotification(nint notifyPort, string notificationType, nint matching,
        nint callback, void* refCon, out uint notification);

    [LibraryImport(NativeLibraries.IOKit)]
    public static partial uint IOIteratorNext(uint iterator);

    [LibraryImport(NativeLibraries.IOKit)]
    public static partial int IOObjectRelease(uint @object);

    [LibraryImport(NativeLibraries.IOKit)]
    public static partial int IOServiceOpen(uint service, uint owningTask, uint type, out uint connect);

    /// <summary>Destroys the connect handle; it must not be released with IOObjectRelease as well.</summary>
    [LibraryImport(NativeLibraries.IOKit)]
    public static partial int IOServiceClose(uint connect);

    /// <summary>Struct sizes up to sizeof(io_struct_inband_t) (4096) travel in-band, larger ones out of line; IOKitLib decides.</summary>
    [LibraryImport(NativeLibraries.IOKit)]
    public static partial int IOConnectCallMethod(uint connection, uint selector,
        ulong* input, uint inputCnt, void* inputStruct, nuint inputStructCnt,
        ulong* output, uint* outputCnt, void* outputStruct, nuint* outputStructCnt);

    [LibraryImport(NativeLibraries.IOKit)]
    public static partial int IOConnectCallAsyncMethod(uint connection, uint selector, uint wake_port,
        ulong* reference, uint referenceCnt,
        ulong* input, uint inputCnt, void* inputStruct, nuint inputStructCnt,
        ulong* output, uint* outputCnt, void* outputStruct, nuint* outputStructCnt);

    [LibraryImport(NativeLibraries.IOKit)]
    public static partial nint IONotificationPortCreate(uint mainPort);

    [LibraryImport(NativeLibraries.IOKit)]
    public static partial void IONotificationPortDestroy(nint notify);

    [LibraryImport(NativeLibraries.IOKit)]
    public static partial uint IONotificationPortGetMachPort(nint notify);

    [LibraryImport(NativeLibraries.IOKit)]
    public static partial void IONotificationPortSetDispatchQueue(nint notify, nint queue);
}

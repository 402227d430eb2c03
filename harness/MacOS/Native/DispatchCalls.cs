using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace ConformanceKit.Transports.MacOS.Native;

/// <summary>
/// libdispatch, through its function-pointer (_f) entry points: blocks cannot be made from C#, and the
/// _f forms hand the object's context pointer to a plain C function instead. Dispatch objects
/// (queues, sources) are opaque pointers; dispatch_object_t is a transparent union passed as one.
/// </summary>
[SupportedOSPlatform("macos")]
internal static unsafe partial class DispatchCalls
{
    [LibraryImport(NativeLibraries.LibSystem, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint dispatch_queue_create(string label, nint attr);

    [LibraryImport(NativeLibraries.LibSystem)]
    public static partial void dispatch_sync_f(nint queue, void* context, nint work);

    [LibraryImport(NativeLibraries.LibSystem)]
    public static partial nint dispatch_source_create(nint type, nuint handle, nuint mask, nint queue);

    [LibraryImport(NativeLibraries.LibSystem)]
    public static partial void dispatch_source_set_event_handler_f(nint source, nint handler);

    [LibraryImport(NativeLibraries.LibSystem)]
    public static partial void dispatch_source_set_cancel_handler_f(nint source, nint handler);

    [LibraryImport(NativeLibraries.LibSystem)]
    public static partial void dispatch_source_cancel(nint source);

    [LibraryImport(NativeLibraries.LibSystem)]
    public static partial void dispatch_set_context(nint @object, void* context);

    [LibraryImport(NativeLibraries.LibSystem)]
    public static partial void dispatch_activate(nint @object);

    [LibraryImport(NativeLibraries.LibSystem)]
    public static partial void dispatch_release(nint @object);

    /// <summary>DISPATCH_SOURCE_TYPE_MACH_RECV: the address of an exported data symbol.</summary>
    public static nint MachReceiveSourceType()
    {
        var library = NativeLibrary.Load(NativeLibraries.LibSystem);
        return NativeLibrary.GetExport(library, DispatchConstants.DISPATCH_SOURCE_TYPE_MACH_RECV);
    }
}

using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace ConformanceKit.Transports.MacOS.Native;

/// <summary>The mach calls (libSystem) the completion port uses to receive and dispose of messages.</summary>
[SupportedOSPlatform("macos")]
internal static unsafe partial class MachCalls
{
    [LibraryImport(NativeLibraries.LibSystem)]
    public static partial int mach_msg(MachMessageHeader* msg, int option, uint send_size, uint rcv_size,
        uint rcv_name, uint timeout, uint notify);

    /// <summary>Releases every right and out-of-line region a received message carries.</summary>
    [LibraryImport(NativeLibraries.LibSystem)]
    public static partial void mach_msg_destroy(MachMessageHeader* msg);

    /// <summary>mach_task_self(): the value of the exported variable the macro reads.</summary>
    public static uint TaskSelf()
    {
        var library = NativeLibrary.Load(NativeLibraries.LibSystem);
        return *(uint*)NativeLibrary.GetExport(library, MachConstants.mach_task_self_);
    }
}

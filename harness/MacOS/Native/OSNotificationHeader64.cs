using System.Runtime.InteropServices;

namespace ConformanceKit.Transports.MacOS.Native;

/// <summary>
/// OSNotificationHeader64: what follows the mach header of an IOKit notification. reference is the
/// app's OSAsyncReference64 handed back by the kernel (entry 0 zeroed, 1..7 as sent). 72 bytes; the
/// content (for a completion, an IOAsyncCompletionContent) starts right after it.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OSNotificationHeader64
{
    public uint size;
    public uint type;
    public fixed ulong reference[IOKitConstants.kOSAsyncRef64Count];
}

using System.Runtime.InteropServices;

namespace ConformanceKit.Transports.MacOS.Native;

/// <summary>
/// IOAsyncCompletionContent: the completion's IOReturn, followed by its arguments as a packed array of
/// 64-bit words (for a 64-bit task). The array is a flexible member, so the struct itself is 4 bytes
/// and the first argument sits at offset 4, unaligned.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct IOAsyncCompletionContent
{
    public int result;
}

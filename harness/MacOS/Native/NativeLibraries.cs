namespace ConformanceKit.Transports.MacOS.Native;

/// <summary>
/// Where the P/Invoke declarations bind. Both live in the dyld shared cache on current macOS, so the
/// files need not exist on disk; dlopen resolves these install names there.
/// </summary>
internal static class NativeLibraries
{
    /// <summary>IOKitLib (IOKitUser): matching, opening, IOConnectCall*, notification ports.</summary>
    public const string IOKit = "/System/Library/Frameworks/IOKit.framework/IOKit";

    /// <summary>libSystem: the mach_msg family (libsyscall) and libdispatch.</summary>
    public const string LibSystem = "/usr/lib/libSystem.B.dylib";
}

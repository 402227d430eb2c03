using System.Runtime.InteropServices;

namespace ConformanceKit.Targets;

/// <summary>
/// A folder's canonical path (absolute, symlinks resolved: realpath(3)), what dext/build-dext.sh takes
/// as its identity with <c>pwd -P</c>. Falls back to the absolute path where realpath is unavailable.
/// </summary>
internal static partial class CanonicalPath
{
    public static string Of(string path)
    {
        var full = Path.GetFullPath(path);
        try
        {
            var resolved = RealPath(full, 0);
            if (resolved == 0) return full;
            try
            {
                return Marshal.PtrToStringUTF8(resolved) ?? full;
            }
            finally
            {
                Free(resolved);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return full;
        }
    }

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint RealPath(string path, nint resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(nint pointer);
}

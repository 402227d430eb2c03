using System.Runtime.InteropServices;

namespace ConformanceKit.Targets;

/// <summary>
/// The lock that keeps a dext's build outputs whole while they are loaded (<c>.outputs.lock</c> in the dext's
/// output folder, beside its variant folders). dext/build-dext.sh holds it exclusively while it builds, since
/// the linker writes a library or dexthost in place; whoever loads them — a dexthost starting, a library
/// opened in-process — holds it shared until the load is done, so that two test runners building and running
/// the same dext at once never load a half-written file ("file too short"). flock(2), as the script's flock(1).
/// </summary>
public sealed partial class BuildOutputLock : IDisposable
{
    /// <summary>The name both sides agree on; dext/build-dext.sh spells it too.</summary>
    public const string FileName = ".outputs.lock";

    const int LockShared = 1, Unlock = 8;

    readonly FileStream? _file;

    BuildOutputLock(FileStream? file) => _file = file;

    /// <summary>Waits while a build of the outputs beside <paramref name="variantFile"/> runs, then keeps it from starting until disposed.</summary>
    /// <param name="variantFile">A library or dexthost in a variant folder (OUT/VARIANT/FILE).</param>
    public static BuildOutputLock ForLoading(string variantFile)
    {
        var outputs = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(variantFile)));
        var path = outputs is null ? null : Path.Combine(outputs, FileName);
        if (path is null || !File.Exists(path)) return new BuildOutputLock(null); // not built by build-dext.sh: nothing rebuilds it under us
        try
        {
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            try
            {
                if (Flock(file.SafeFileHandle.DangerousGetHandle().ToInt32(), LockShared) == 0) return new BuildOutputLock(file);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
            }
            file.Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A folder we cannot open a file in is not one a build writes to either.
        }
        return new BuildOutputLock(null);
    }

    public void Dispose()
    {
        if (_file is null) return;
        Flock(_file.SafeFileHandle.DangerousGetHandle().ToInt32(), Unlock);
        _file.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(int fd, int operation);
}

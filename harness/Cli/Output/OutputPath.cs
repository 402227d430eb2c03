namespace ConformanceKit.Cli.Output;

/// <summary>
/// Checks an output location before any work starts, so that a bad --json or --out costs one line
/// and exit 2 up front — never a stack trace, and never after a whole check or campaign has run.
/// </summary>
public static class OutputPath
{
    /// <summary>A file the command will write (created with its folders): not a directory, and no path component is a file.</summary>
    /// <exception cref="UsageException">the path cannot be a file.</exception>
    public static string RequireWritableFile(string option, string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UsageException($"{option}: an empty path");
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new UsageException($"{option} {path}: is a directory; give a file name");
        RequireFoldersAbove(option, path, Path.GetDirectoryName(full));
        return full;
    }

    /// <summary>A folder the command will write into (created if missing): not an existing file, and no path component is a file.</summary>
    /// <exception cref="UsageException">the path cannot be a folder.</exception>
    public static string RequireFolder(string option, string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UsageException($"{option}: an empty path");
        var full = Path.GetFullPath(path);
        if (File.Exists(full)) throw new UsageException($"{option} {path}: is an existing file; give a folder");
        RequireFoldersAbove(option, path, Path.GetDirectoryName(full));
        return full;
    }

    /// <summary>
    /// Writes a file atomically (a temporary file next to it, then a rename), creating its folders.
    /// On any failure the temporary file is removed; a failure to write is one line (exit 2).
    /// </summary>
    /// <exception cref="UsageException">the file cannot be written.</exception>
    public static void WriteText(string path, string text)
    {
        var full = Path.GetFullPath(path);
        if (IsDeviceOrPipe(full))
        {
            // --json /dev/stdout, --out /dev/null: renaming a temporary file over one would replace the device itself.
            try
            {
                File.WriteAllText(full, text);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot write {path}: {e.Message}");
            }
            return;
        }
        var temporary = full + ".tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(temporary, text);
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e)
        {
            try
            {
                if (File.Exists(temporary)) File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // Nothing more to do: the first error is the one to report.
            }
            if (e is IOException or UnauthorizedAccessException) throw new UsageException($"cannot write {path}: {e.Message}");
            throw;
        }
    }

    static bool IsDeviceOrPipe(string full)
    {
        if (!File.Exists(full)) return false;
        var target = File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
        return IsUnder(full) || IsUnder(target) || !File.Exists(target);

        static bool IsUnder(string path) =>
            path.StartsWith("/dev/", StringComparison.Ordinal) || path.StartsWith("/proc/", StringComparison.Ordinal);
    }

    static void RequireFoldersAbove(string option, string path, string? folder)
    {
        for (var dir = folder; !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(dir)) throw new UsageException($"{option} {path}: {dir} is a file, not a folder");
            if (Directory.Exists(dir)) return;
        }
    }
}

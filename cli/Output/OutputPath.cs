using ConformanceKit.Contracts;

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
    /// Writes a file atomically (<see cref="AtomicFile"/>), creating its folders; a device such as
    /// /dev/stdout is written in place. A failure to write is one line (exit 2), and leaves no temporary file.
    /// </summary>
    /// <exception cref="UsageException">the file cannot be written.</exception>
    public static void WriteText(string path, string text)
    {
        try
        {
            AtomicFile.Write(path, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write {path}: {e.Message}");
        }
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

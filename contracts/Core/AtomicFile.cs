namespace ConformanceKit.Contracts;

/// <summary>
/// Writes a file so that readers see either nothing or the whole file: the bytes go to a temporary
/// file in the same folder (same file system, so the rename is atomic), are flushed to disk, then
/// renamed over the final name; the folder is created first. A process killed mid-write leaves at
/// most a temporary file, named <c>.ck-*.tmp</c>: hidden, and matching none of the names anything of
/// ConformanceKit or Allure reads (Allure 3 takes any <c>*-attachment*</c> for an attachment). On a
/// failure the temporary file is removed and the exception propagates.
/// </summary>
public static class AtomicFile
{
    public const string TemporaryPrefix = ".ck-";
    public const string TemporarySuffix = ".tmp";

    public static void Write(string path, string text) => Write(path, System.Text.Encoding.UTF8.GetBytes(text));

    public static void Write(string path, ReadOnlySpan<byte> content) => Write(path, content.ToArray());

    public static void Write(string path, byte[] content)
    {
        var full = Path.GetFullPath(path);
        if (IsDeviceOrPipe(full))
        {
            // --json /dev/stdout, --out /dev/null: renaming a temporary file over one would replace the device itself.
            using var device = new FileStream(full, FileMode.Open, FileAccess.Write);
            device.Write(content);
            return;
        }
        Replace(full, output => output.Write(content));
    }

    /// <summary>Copies <paramref name="source"/> (which may still be open for writing elsewhere) to <paramref name="path"/>, whole or not at all.</summary>
    public static void Copy(string source, string path) => Replace(Path.GetFullPath(path), output =>
    {
        using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        input.CopyTo(output);
    });

    /// <summary>
    /// Writes <paramref name="path"/> whole, unless it exists: false then (or when another writer got
    /// there first meanwhile), and the file is left as it is. For "the first one wins" files.
    /// </summary>
    public static bool CreateNew(string path, byte[] content)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full)) return false;
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $"{TemporaryPrefix}{Guid.NewGuid():N}{TemporarySuffix}");
        try
        {
            using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                output.Write(content);
                output.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(full))
        {
            Remove(temporary);
            return false;
        }
        catch
        {
            Remove(temporary);
            throw;
        }
    }

    static void Replace(string full, Action<FileStream> fill)
    {
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $"{TemporaryPrefix}{Guid.NewGuid():N}{TemporarySuffix}");
        try
        {
            using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                fill(output);
                output.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            Remove(temporary);
            throw;
        }
    }

    static void Remove(string temporary)
    {
        try
        {
            File.Delete(temporary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: the first error is the one to report.
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
}

namespace ConformanceKit.Reports.Allure.Writing;

/// <summary>
/// Writes a file so that readers see either nothing or the whole file: the bytes go to a temporary
/// file in the same directory (same file system, so the rename is atomic), are flushed to disk, then
/// renamed over the final name. A run killed mid-write leaves at most a temporary file, whose name
/// (<c>.ck-*.tmp</c>) matches none of the patterns Allure reads — in particular not
/// <c>*-attachment*</c>, which Allure 3 would take for an attachment.
/// </summary>
public static class AtomicFile
{
    public const string TemporaryPrefix = ".ck-";
    public const string TemporarySuffix = ".tmp";

    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(directory, $"{TemporaryPrefix}{Guid.NewGuid():N}{TemporarySuffix}");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    public static void Copy(string source, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(directory, $"{TemporaryPrefix}{Guid.NewGuid():N}{TemporarySuffix}");
        try
        {
            using (var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                input.CopyTo(output);
                output.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}

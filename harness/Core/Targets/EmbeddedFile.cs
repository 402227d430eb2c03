using System.Text;
using ConformanceKit.Spec;

namespace ConformanceKit.Targets;

/// <summary>
/// A property list read for embedding: as UTF-8 text, transformed (settings expanded), and back to
/// bytes — the file's own bytes when nothing changed, so a dext that uses no setting embeds exactly
/// its files. A file that is not UTF-8 (a binary plist) is embedded as it is and left to the
/// runtime's reader to refuse at boot, with its reason.
/// </summary>
internal static class EmbeddedFile
{
    public static byte[] Read(string path, Func<string, string> transform)
    {
        var bytes = File.ReadAllBytes(path);
        if (!SpecLoader.TryUtf8(bytes, out var text, out _)) return bytes;
        var result = transform(text);
        if (result == text) return bytes;
        var encoded = Encoding.UTF8.GetBytes(result);
        return bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? [0xEF, 0xBB, 0xBF, .. encoded] : encoded;
    }
}

using System.Text;

namespace ConformanceKit.Targets;

/// <summary>
/// Replaces the build-setting references of a text (<see cref="SettingReference"/>) by their values.
/// In a property list (<see cref="Document"/>) XML comments stay as written and a value is escaped for
/// XML (an '&amp;' in a product name must not break the file), except inside CDATA. A value never holds a
/// line break (the spec refuses one), so every line of the result is the same line of the file and the
/// runtime's "Info.plist:LINE" errors at boot still point into the user's file.
/// </summary>
internal static class SettingExpander
{
    /// <summary>The value of a reference met on <c>line</c> (1-based) of the text.</summary>
    public delegate string Resolver(SettingReference reference, int line);

    public static string Document(string text, Resolver resolve)
    {
        var result = new StringBuilder(text.Length);
        var line = 1;
        var k = 0;
        while (k < text.Length)
        {
            var comment = text.IndexOf("<!--", k, StringComparison.Ordinal);
            var cdata = text.IndexOf("<![CDATA[", k, StringComparison.Ordinal);
            var next = Math.Min(comment < 0 ? text.Length : comment, cdata < 0 ? text.Length : cdata);
            Expand(text, k, next, escape: true, ref line, result, resolve);
            if (next == text.Length) break;
            if (next == comment)
            {
                var end = End(text, next, "-->");
                Copy(text, next, end, ref line, result);
                k = end;
            }
            else
            {
                var open = next + "<![CDATA[".Length;
                var close = text.IndexOf("]]>", open, StringComparison.Ordinal);
                close = close < 0 ? text.Length : close;
                Copy(text, next, open, ref line, result);
                Expand(text, open, close, escape: false, ref line, result, resolve);
                var end = Math.Min(close + 3, text.Length);
                Copy(text, close, end, ref line, result);
                k = end;
            }
        }
        return result.ToString();
    }

    /// <summary>A plain value (a setting's own value, a generated key's): no XML, one line.</summary>
    public static string Value(string text, Func<SettingReference, string> resolve)
    {
        var result = new StringBuilder(text.Length);
        var line = 1;
        Expand(text, 0, text.Length, escape: false, ref line, result, (reference, _) => resolve(reference));
        return result.ToString();
    }

    public static string EscapeXml(string value) =>
        value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    static void Expand(string text, int start, int end, bool escape, ref int line, StringBuilder result, Resolver resolve)
    {
        for (var k = start; k < end;)
        {
            if (text[k] == '$' && SettingReference.At(text, k, end) is { } reference)
            {
                var value = resolve(reference, line);
                result.Append(escape ? EscapeXml(value) : value);
                k += reference.Length;
                continue;
            }
            if (text[k] == '\n') line++;
            result.Append(text[k]);
            k++;
        }
    }

    static void Copy(string text, int start, int end, ref int line, StringBuilder result)
    {
        for (var k = start; k < end; k++)
            if (text[k] == '\n') line++;
        result.Append(text, start, end - start);
    }

    static int End(string text, int start, string terminator)
    {
        var end = text.IndexOf(terminator, start, StringComparison.Ordinal);
        return end < 0 ? text.Length : end + terminator.Length;
    }
}

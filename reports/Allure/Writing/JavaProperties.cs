using System.Globalization;
using System.Text;

namespace ConformanceKit.Reports.Allure.Writing;

/// <summary>
/// The <c>.properties</c> format of <c>environment.properties</c>, written the way
/// <c>java.util.Properties.store</c> does: pure ASCII (everything else as <c>\uXXXX</c>, so Allure 2's
/// ISO-8859-1 reader and Allure 3's UTF-8 reader agree), separators and comment characters escaped,
/// line breaks as <c>\n</c>. Parsing is the inverse, for merging what other writers left.
/// </summary>
public static class JavaProperties
{
    public static string Format(IEnumerable<KeyValuePair<string, string>> entries)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in entries)
            text.Append(Escape(key, isKey: true)).Append('=').Append(Escape(value, isKey: false)).Append('\n');
        return text.ToString();
    }

    public static string Escape(string text, bool isKey)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\\': result.Append(@"\\"); break;
                case '\t': result.Append(@"\t"); break;
                case '\n': result.Append(@"\n"); break;
                case '\r': result.Append(@"\r"); break;
                case '\f': result.Append(@"\f"); break;
                case '=' or ':' or '#' or '!': result.Append('\\').Append(c); break;
                // A space ends a key, and a leading space of a value would be skipped by the reader.
                case ' ' when isKey || i == 0: result.Append(@"\ "); break;
                default:
                    if (c < 0x20 || c > 0x7e) result.Append(@"\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else result.Append(c);
                    break;
            }
        }
        return result.ToString();
    }

    /// <summary>Reads the subset <see cref="Format"/> writes (plus comments and blank lines), in file order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string text)
    {
        var entries = new List<KeyValuePair<string, string>>();
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r').TrimStart(' ', '\t', '\f');
            if (line.Length == 0 || line[0] is '#' or '!') continue;
            var key = new StringBuilder();
            var value = new StringBuilder();
            var target = key;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (c == '\\' && i + 1 < line.Length)
                {
                    var next = line[++i];
                    if (next == 'u' && i + 4 < line.Length &&
                        int.TryParse(line.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                    {
                        target.Append((char)code);
                        i += 4;
                    }
                    else
                    {
                        target.Append(next switch { 't' => '\t', 'n' => '\n', 'r' => '\r', 'f' => '\f', _ => next });
                    }
                }
                else if (target == key && c is '=' or ':' or ' ')
                {
                    target = value;
                    while (i + 1 < line.Length && line[i + 1] is ' ' or '\t') i++;
                    if (c == ' ' && i + 1 < line.Length && line[i + 1] is '=' or ':')
                    {
                        i++;
                        while (i + 1 < line.Length && line[i + 1] is ' ' or '\t') i++;
                    }
                }
                else
                {
                    target.Append(c);
                }
            }
            entries.Add(new(key.ToString(), value.ToString()));
        }
        return entries;
    }
}

using System.Text;
using System.Xml;

namespace ConformanceKit.Targets;

/// <summary>
/// The top-level Info.plist keys Xcode writes into every bundle it builds from build settings
/// (GENERATE_INFOPLIST_FILE, the default of its templates), so that a project's own Info.plist often
/// lacks them — CFBundleIdentifier among them, without which a dext does not boot. A key the file
/// lacks is added with Xcode's value; a key it has is left as it is. The keys go right after the
/// top-level &lt;dict&gt;, on its line, so every line of the file keeps its number.
/// </summary>
internal static class XcodeInfoKeys
{
    public static readonly IReadOnlyList<(string Key, string Value)> Generated =
    [
        ("CFBundleDevelopmentRegion", "$(DEVELOPMENT_LANGUAGE)"),
        ("CFBundleExecutable", "$(EXECUTABLE_NAME)"),
        ("CFBundleIdentifier", "$(PRODUCT_BUNDLE_IDENTIFIER)"),
        ("CFBundleInfoDictionaryVersion", "6.0"),
        ("CFBundleName", "$(PRODUCT_NAME)"),
        ("CFBundlePackageType", "$(PRODUCT_BUNDLE_PACKAGE_TYPE)"),
        ("CFBundleShortVersionString", "$(MARKETING_VERSION)"),
        ("CFBundleVersion", "$(CURRENT_PROJECT_VERSION)"),
    ];

    /// <summary>
    /// The (already expanded) Info.plist with the missing keys added. A file that is not a property
    /// list with a top-level dict is returned as it is: the runtime's reader reports it at boot, with
    /// its line, as it always did.
    /// </summary>
    public static string AddMissing(string text, string file, BuildSettings settings)
    {
        if (RootDict(text) is not var (line, column, empty, keys)) return text;
        var missing = Generated.Where(g => !keys.Contains(g.Key)).ToArray();
        if (missing.Length == 0) return text;
        var added = new StringBuilder();
        foreach (var (key, value) in missing)
            added.Append("<key>").Append(key).Append("</key><string>")
                .Append(SettingExpander.EscapeXml(settings.ExpandValue(value, file, line))).Append("</string>");
        var name = Offset(text, line, column);
        if (name < 1 || name + 4 > text.Length || string.CompareOrdinal(text, name - 1, "<dict", 0, 5) != 0) return text;
        var close = text.IndexOf('>', name);
        if (close < 0) return text;
        return empty
            ? text[..(name - 1)] + "<dict>" + added + "</dict>" + text[(close + 1)..]
            : text.Insert(close + 1, added.ToString());
    }

    /// <summary>Where the &lt;dict&gt; under &lt;plist&gt; starts (line, column of its name), whether it is &lt;dict/&gt;, and its keys; null if there is none or the XML is malformed.</summary>
    static (int Line, int Column, bool Empty, HashSet<string> Keys)? RootDict(string text)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, IgnoreComments = true, IgnoreWhitespace = true };
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), settings);
            if (!reader.ReadToFollowing("plist") || !reader.Read() || reader.NodeType != XmlNodeType.Element || reader.Name != "dict") return null;
            var info = (IXmlLineInfo)reader;
            var (line, column, empty) = (info.LineNumber, info.LinePosition, reader.IsEmptyElement);
            var keys = new HashSet<string>(StringComparer.Ordinal);
            if (!empty)
            {
                var depth = reader.Depth;
                reader.Read();
                while (reader.Depth > depth)
                {
                    if (reader.NodeType == XmlNodeType.Element && reader.Depth == depth + 1 && reader.Name == "key") keys.Add(reader.ReadElementContentAsString());
                    else if (reader.NodeType == XmlNodeType.Element && reader.Depth == depth + 1) reader.Skip();
                    else reader.Read();
                }
            }
            return (line, column, empty, keys);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    /// <summary>The index in <paramref name="text"/> of a 1-based line and column as the XML reader counts them.</summary>
    static int Offset(string text, int line, int column)
    {
        var start = 0;
        for (var k = 1; k < line; k++)
        {
            start = text.IndexOf('\n', start) + 1;
            if (start == 0) return -1;
        }
        return start + column - 1;
    }
}

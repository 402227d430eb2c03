using System.Xml;
using System.Xml.Linq;

namespace ConformanceKit.Spec.Draft;

/// <summary>
/// The names a dext's services may be matched by, from its Info.plist as embedded: each IOKitPersonality's
/// IOUserClass (the registry name the runtime gives a service it starts, docs/driverkit-semantics.md),
/// then any other IOUserClass, then CFBundleName. The surveyor keeps the first one a service is
/// registered under; a dext that renames its service with SetName needs --service.
/// </summary>
public static class ServiceNames
{
    public static IReadOnlyList<string> Candidates(byte[] infoPlist, string dextName)
    {
        var names = new List<string>();
        try
        {
            using var stream = new MemoryStream(infoPlist);
            var document = XDocument.Load(XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore }));
            foreach (var key in document.Descendants("key"))
            {
                if (Value(key) is not { Name.LocalName: "string" } value) continue;
                if (key.Value is "IOUserClass" or "CFBundleName") names.Add(value.Value.Trim());
            }
            names.Sort((a, b) => Rank(a, document).CompareTo(Rank(b, document)));
        }
        catch (XmlException)
        {
            // The build has parsed it already; a draft falls back on the dext's name.
        }
        names.Add(dextName);
        return names.Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>CFBundleName after every IOUserClass, so that the stable sort keeps the personalities' order.</summary>
    static int Rank(string name, XDocument document) =>
        document.Descendants("key").Any(k => k.Value == "IOUserClass" && Value(k)?.Value.Trim() == name) ? 0 : 1;

    /// <summary>A plist dictionary's value: the element after its key (whitespace between them is a text node).</summary>
    static XElement? Value(XElement key) => key.ElementsAfterSelf().FirstOrDefault();

    /// <summary>CFBundleIdentifier of the embedded Info.plist, or null.</summary>
    public static string? BundleIdentifier(byte[] infoPlist)
    {
        try
        {
            using var stream = new MemoryStream(infoPlist);
            var document = XDocument.Load(XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore }));
            var key = document.Descendants("key").FirstOrDefault(k => k.Value == "CFBundleIdentifier" && k.Parent?.Parent?.Name.LocalName == "plist");
            return key is null ? null : Value(key)?.Value.Trim();
        }
        catch (XmlException)
        {
            return null;
        }
    }
}

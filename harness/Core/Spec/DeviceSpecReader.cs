using System.Globalization;
using System.Security;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace ConformanceKit.Spec;

/// <summary>
/// Reads the spec's <c>device:</c> section into a <see cref="DeviceSpec"/>: the mapping becomes the XML
/// property-list dictionary the runtime reads (dksim_set_device). Mappings are dicts, lists arrays,
/// <c>true</c>/<c>false</c> booleans, decimal or 0x-hex whole numbers integers, anything else a string
/// (byte blobs are strings of hex digits: the runtime's families read them so). The runtime judges the
/// keys; the spec only checks that the section is well-formed.
/// <code>
/// device:
///   family: usb
///   idVendor: 0x05ac
///   interrupts: 2        # the harness's own key, not handed over: programs raise vectors 0..interrupts-1
/// </code>
/// </summary>
internal static class DeviceSpecReader
{
    const int MaxDepth = 16;
    const ulong MaxInterrupts = 64;

    public static DeviceSpec? Read(YamlMap root)
    {
        if (root.Optional("device") is not { } node) return null;
        var device = root.Child(node, "device");
        var interrupts = device.Optional("interrupts") is { } count
            ? (int)device.ParseUnsigned(count, "interrupts", MaxInterrupts)
            : DeviceSpec.DefaultInterrupts;
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\">\n");
        xml.Append("<dict>\n");
        foreach (var (name, _, value) in device.Entries()) // every other key is the runtime's to judge
        {
            if (name == "interrupts") continue;
            xml.Append("<key>").Append(SecurityElement.Escape(name)).Append("</key>\n");
            Write(device, value, xml, 1);
        }
        xml.Append("</dict>\n</plist>\n");
        return new DeviceSpec(xml.ToString(), interrupts);
    }

    static void Write(YamlMap map, YamlNode node, StringBuilder xml, int depth)
    {
        if (depth > MaxDepth) throw map.Fail(node, $"device: nested deeper than {MaxDepth} levels");
        switch (node)
        {
            case YamlMappingNode mapping:
                xml.Append("<dict>\n");
                foreach (var (key, value) in mapping.Children)
                {
                    var name = (key as YamlScalarNode)?.Value ?? throw map.Fail(key, "device: keys must be plain names");
                    xml.Append("<key>").Append(SecurityElement.Escape(name)).Append("</key>\n");
                    Write(map, value, xml, depth + 1);
                }
                xml.Append("</dict>\n");
                break;
            case YamlSequenceNode sequence:
                xml.Append("<array>\n");
                foreach (var item in sequence.Children) Write(map, item, xml, depth + 1);
                xml.Append("</array>\n");
                break;
            case YamlScalarNode { Value: var text }:
                Scalar(text ?? "", xml);
                break;
            default:
                throw map.Fail(node, "device: a value must be a mapping, a list or a single value");
        }
    }

    static void Scalar(string text, StringBuilder xml)
    {
        if (text is "true" or "false")
        {
            xml.Append('<').Append(text).Append("/>\n");
            return;
        }
        var isHex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && text.Length > 2;
        if (isHex ? ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
                  : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            // The runtime's plist integers are 64-bit signed; a larger unsigned value keeps its bits.
            xml.Append("<integer>").Append(unchecked((long)value).ToString(CultureInfo.InvariantCulture)).Append("</integer>\n");
            return;
        }
        xml.Append("<string>").Append(SecurityElement.Escape(text)).Append("</string>\n");
    }
}

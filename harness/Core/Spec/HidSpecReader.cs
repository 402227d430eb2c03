using System.Collections.Immutable;

namespace ConformanceKit.Spec;

/// <summary>
/// Reads the spec's <c>hid:</c> section into a <see cref="HidSpec"/> (README, "The spec format"):
/// <code>
/// hid:
///   maxReportSize: 64
///   reports:
///     - type: input      # input | output | feature
///       id: 1            # optional; 0 when the descriptor uses no report IDs
///       maxSize: 9       # bytes, the ID byte included
/// </code>
/// </summary>
internal static class HidSpecReader
{
    /// <summary>A HID report is read into a 32-bit length (IOHIDDevice::handleReport's reportLength).</summary>
    const ulong MaxReportBytes = uint.MaxValue;

    /// <summary>null when the spec has no hid: section (its HID devices are then not judged).</summary>
    public static HidSpec? Read(YamlMap root)
    {
        if (root.Optional("hid") is not { } node) return null;
        var hid = root.Child(node, "hid");
        var max = hid.Optional("maxReportSize") is { } maxNode ? hid.ParseUnsigned(maxNode, "maxReportSize", MaxReportBytes) : (ulong?)null;
        var reports = ImmutableArray.CreateBuilder<HidReportBound>();
        if (hid.Optional("reports") is { } reportsNode)
        {
            foreach (var item in hid.Sequence(reportsNode, "reports").Children)
            {
                var entry = hid.Child(item, "hid.reports entry");
                var typeNode = entry.Required("type");
                var type = entry.Scalar(typeNode, "type") switch
                {
                    "input" => 0u,
                    "output" => 1u,
                    "feature" => 2u,
                    var other => throw entry.Fail(typeNode, $"hid.reports: type must be input, output or feature, not '{YamlMap.Shown(other)}'"),
                };
                var id = entry.Optional("id") is { } idNode ? (uint)entry.ParseUnsigned(idNode, "id", byte.MaxValue) : (uint?)null;
                var size = entry.ParseUnsigned(entry.Required("maxSize"), "maxSize", MaxReportBytes);
                entry.RejectUnknownKeys();
                reports.Add(new HidReportBound(type, id, size, entry.Line));
            }
        }
        hid.RejectUnknownKeys();
        return new HidSpec(max, reports.ToImmutable(), root.KeyLine("hid"));
    }
}

namespace ConformanceKit.Oracle.Hid;

/// <summary>
/// Reads a HID report descriptor item by item, as the Device Class Definition for HID 1.11 describes
/// it in section 6.2.2 ("Report Descriptor"), to answer two questions: is it well-formed, and how long
/// may each report be. It is a structural reader, not a full HID parser: usages and logical ranges are
/// not interpreted, only what decides report sizes and the descriptor's structure.
///
/// Every problem is one the host's HID parser would stumble on: no items at all, an item whose data
/// runs past the end, collections that do not balance, Pop without Push, the reserved Report ID 0, data
/// items outside any report once report IDs are used, and reserved item types and main item tags.
/// Descriptors longer than any real one (HID's wDescriptorLength is 16 bits) are cut off by the runtime
/// at 64 KiB and refused here as such.
/// </summary>
public static class HidDescriptorParser
{
    /// <summary>HID 1.11, 6.2.1: wDescriptorLength, the descriptor's length in the HID descriptor, is a 16-bit field.</summary>
    public const int MaxLength = ushort.MaxValue;

    // 6.2.2.2 Short Items: bits 0-1 bSize (0, 1, 2 or 4 data bytes), bits 2-3 bType, bits 4-7 bTag.
    const int TypeMain = 0, TypeGlobal = 1, TypeLocal = 2, TypeReserved = 3;

    // 6.2.2.3 Long Items: the prefix 0xFE (bSize 2, bType 3, bTag 15), then bDataSize and bLongItemTag.
    const byte LongItemPrefix = 0xFE;

    // 6.2.2.4 Main Items (tags): Input 1000, Output 1001, Feature 1011, Collection 1010, End Collection 1100.
    const int TagInput = 0x8, TagOutput = 0x9, TagCollection = 0xA, TagFeature = 0xB, TagEndCollection = 0xC;

    // 6.2.2.7 Global Items (tags): Report Size 0111, Report ID 1000, Report Count 1001, Push 1010, Pop 1011.
    const int TagReportSize = 0x7, TagReportId = 0x8, TagReportCount = 0x9, TagPush = 0xA, TagPop = 0xB;

    /// <summary>Report types as IOHIDReportType numbers them (HIDDriverKit IOHIDDeviceTypes.h): input 0, output 1, feature 2.</summary>
    const uint Input = 0, Output = 1, Feature = 2;

    const long MaxBits = 1L << 62;

    /// <summary>The global state Push saves and Pop restores (6.2.2.7): only what sizes reports.</summary>
    readonly record struct Globals(long ReportSize, long ReportCount, uint ReportId);

    public static HidDescriptor Parse(ReadOnlySpan<byte> descriptor)
    {
        var bits = new Dictionary<(uint, uint), long>();
        var usesIds = false;
        HidDescriptor Malformed(string slug, int offset, string explanation) => new(usesIds, bits, new HidDescriptorProblem(slug, offset, explanation));

        if (descriptor.IsEmpty) return Malformed("empty", 0, "the report descriptor has no items (6.2.2: at least an application collection)");
        if (descriptor.Length > MaxLength)
            return Malformed("too-long", MaxLength, $"{descriptor.Length} bytes; a report descriptor's length is a 16-bit field (6.2.1), at most {MaxLength}");
        // Report IDs are a property of the whole descriptor (6.2.2.7): once one appears, every report has one.
        usesIds = UsesReportIds(descriptor);

        var globals = new Globals(0, 0, 0);
        var stack = new Stack<Globals>();
        var depth = 0;
        var offset = 0;
        while (offset < descriptor.Length)
        {
            var prefix = descriptor[offset];
            if (prefix == LongItemPrefix)
            {
                // No long item tags are defined (6.2.2.3): skip the item, but it must be whole.
                if (offset + 2 >= descriptor.Length)
                    return Malformed("truncated-item", offset, "a long item's bDataSize and bLongItemTag run past the end (6.2.2.3)");
                var longSize = descriptor[offset + 1];
                if (offset + 3 + longSize > descriptor.Length)
                    return Malformed("truncated-item", offset, $"a long item of {longSize} data bytes runs past the end (6.2.2.3)");
                offset += 3 + longSize;
                continue;
            }
            var size = (prefix & 0x3) == 3 ? 4 : prefix & 0x3;
            var type = (prefix >> 2) & 0x3;
            var tag = prefix >> 4;
            if (offset + 1 + size > descriptor.Length)
                return Malformed("truncated-item", offset, $"item 0x{prefix:x2} has {size} data bytes, {descriptor.Length - offset - 1} remain (6.2.2.2)");
            var value = Unsigned(descriptor.Slice(offset + 1, size));
            switch (type)
            {
                case TypeMain:
                    switch (tag)
                    {
                        case TagInput or TagOutput or TagFeature:
                            if (usesIds && globals.ReportId == 0)
                                return Malformed("data-before-report-id", offset,
                                    "a data item before the first Report ID, in a descriptor that uses report IDs: it belongs to no report (6.2.2.7)");
                            var key = (tag == TagInput ? Input : tag == TagOutput ? Output : Feature, globals.ReportId);
                            // Size and count are capped below 2^31 each, the sum at 2^62: no overflow, and no real report comes near.
                            bits[key] = Math.Min(bits.GetValueOrDefault(key) + globals.ReportSize * globals.ReportCount, MaxBits);
                            break;
                        case TagCollection:
                            depth++;
                            break;
                        case TagEndCollection:
                            if (depth == 0) return Malformed("end-collection-without-collection", offset, "End Collection closes no open Collection (6.2.2.4)");
                            depth--;
                            break;
                        default:
                            return Malformed("reserved-item", offset, $"main item tag 0x{tag:x} is reserved (6.2.2.4)");
                    }
                    break;
                case TypeGlobal:
                    switch (tag)
                    {
                        case TagReportSize: globals = globals with { ReportSize = (long)Math.Min(value, int.MaxValue) }; break;
                        case TagReportCount: globals = globals with { ReportCount = (long)Math.Min(value, int.MaxValue) }; break;
                        case TagReportId:
                            if (value == 0 || value > byte.MaxValue)
                                return Malformed("report-id-zero", offset, $"Report ID {value}: 0 is reserved and an ID is one byte, 1 to 255 (6.2.2.7)");
                            globals = globals with { ReportId = (uint)value };
                            break;
                        case TagPush: stack.Push(globals); break;
                        case TagPop:
                            if (stack.Count == 0) return Malformed("pop-without-push", offset, "Pop with nothing pushed (6.2.2.7)");
                            globals = stack.Pop();
                            break;
                    }
                    break;
                case TypeLocal:
                    break; // usages, designators, strings, delimiters: they do not size reports
                case TypeReserved:
                    return Malformed("reserved-item", offset, $"item 0x{prefix:x2} has the reserved item type 3 (6.2.2.2)");
            }
            offset += 1 + size;
        }
        if (depth > 0) return Malformed("unclosed-collection", descriptor.Length, $"{depth} Collection{(depth == 1 ? " is" : "s are")} never closed by End Collection (6.2.2.4)");
        return new HidDescriptor(usesIds, bits, null);
    }

    /// <summary>Whether any whole short item of the descriptor is a Report ID (prefix 0x85, 0x86 or 0x87, or 0x84 with no data).</summary>
    static bool UsesReportIds(ReadOnlySpan<byte> descriptor)
    {
        var offset = 0;
        while (offset < descriptor.Length)
        {
            var prefix = descriptor[offset];
            if (prefix == LongItemPrefix)
            {
                if (offset + 1 >= descriptor.Length) return false;
                offset += 3 + descriptor[offset + 1];
                continue;
            }
            if ((prefix & 0xFC) == 0x84) return true;
            offset += 1 + ((prefix & 0x3) == 3 ? 4 : prefix & 0x3);
        }
        return false;
    }

    /// <summary>An item's data: little-endian, unsigned (6.2.2.2: "data ... stored in little endian").</summary>
    static ulong Unsigned(ReadOnlySpan<byte> data)
    {
        ulong value = 0;
        for (var k = data.Length - 1; k >= 0; k--) value = value << 8 | data[k];
        return value;
    }
}

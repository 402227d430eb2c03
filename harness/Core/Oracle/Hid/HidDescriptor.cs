namespace ConformanceKit.Oracle.Hid;

/// <summary>
/// What a HID report descriptor declares, as <see cref="HidDescriptorParser"/> read it: the size of
/// each report by type and report ID, or the first problem that makes the descriptor malformed.
/// </summary>
/// <param name="UsesReportIds">
/// Whether a Report ID item appears: then every report starts with its one-byte ID (HID 1.11,
/// 6.2.2.7, "Report ID"), and sizes below count that byte.
/// </param>
/// <param name="ReportBits">Bits of data per (report type, report ID) — 0 input, 1 output, 2 feature; ID 0 when none is used.</param>
/// <param name="Problem">The first problem found, or null for a well-formed descriptor.</param>
public sealed record HidDescriptor(bool UsesReportIds, IReadOnlyDictionary<(uint Type, uint Id), long> ReportBits, HidDescriptorProblem? Problem)
{
    public bool IsWellFormed => Problem is null;

    /// <summary>
    /// The most bytes a report of this type and ID may have: its data bits rounded up to bytes, plus
    /// the ID byte when the descriptor uses IDs; null when the descriptor declares no such report.
    /// </summary>
    public long? MaxReportBytes(uint type, uint id) =>
        ReportBits.TryGetValue((type, id), out var bits) ? (bits + 7) / 8 + (UsesReportIds ? 1 : 0) : null;

    /// <summary>The report IDs declared for a type, in order.</summary>
    public IEnumerable<uint> IdsOf(uint type) => ReportBits.Keys.Where(k => k.Type == type).Select(k => k.Id).Order();
}

/// <summary>
/// Why a report descriptor is malformed: a stable slug (part of a finding's kind, so never with
/// offsets or values), the byte offset of the item, and a sentence for people.
/// </summary>
public sealed record HidDescriptorProblem(string Slug, int Offset, string Explanation)
{
    public override string ToString() => $"{Slug} at byte {Offset}: {Explanation}";
}

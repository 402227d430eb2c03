using System.Collections.Immutable;

namespace ConformanceKit.Spec;

/// <summary>
/// The spec's <c>hid:</c> section: the dext's HIDDriverKit devices are judged (rule hid.reports) —
/// their report descriptors must be well-formed and every report they post must fit its device's
/// descriptor — and, optionally, bounded further: every report by <see cref="MaxReportSize"/>, reports
/// of a type (and ID) by <see cref="Reports"/>.
/// </summary>
/// <param name="MaxReportSize">Bytes any report may have (the report ID byte included); null: no bound of the spec's.</param>
/// <param name="Reports">Bounds per report type and ID.</param>
/// <param name="Line">The line of <c>hid:</c>, for messages.</param>
public sealed record HidSpec(ulong? MaxReportSize, ImmutableArray<HidReportBound> Reports, int Line)
{
    /// <summary>The spec's bounds a report of this type and ID is held to, smallest first.</summary>
    public IEnumerable<(ulong Max, string Source)> BoundsFor(uint type, uint? id)
    {
        var bounds = new List<(ulong, string)>();
        if (MaxReportSize is { } max) bounds.Add((max, $"hid.maxReportSize (spec.yaml:{Line})"));
        foreach (var bound in Reports)
            if (bound.Type == type && (bound.Id is null || bound.Id == id))
                bounds.Add((bound.MaxSize, $"hid.reports {bound.Describe()} (spec.yaml:{bound.Line})"));
        return bounds.OrderBy(b => b.Item1);
    }
}

/// <summary>One entry of <c>hid.reports</c>: reports of a type (0 input, 1 output, 2 feature) and, optionally, one report ID.</summary>
public sealed record HidReportBound(uint Type, uint? Id, ulong MaxSize, int Line)
{
    public string Describe() =>
        Transports.Hid.HidReport.TypeNameOf(Type) + (Id is { } id ? $" id {id}" : "") + $" maxSize {MaxSize}";
}

namespace ConformanceKit.Reports.Export.Common;

/// <summary>How many results an export wrote, and how many of them are failures.</summary>
public sealed record ExportSummary(int Results, int Failed)
{
    public static readonly ExportSummary None = new(0, 0);

    public static ExportSummary operator +(ExportSummary a, ExportSummary b) => new(a.Results + b.Results, a.Failed + b.Failed);
}

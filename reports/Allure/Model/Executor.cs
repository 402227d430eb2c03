namespace ConformanceKit.Reports.Allure.Model;

/// <summary>What produced the results (<c>executor.json</c>): a local run or a CI build with its URL.</summary>
public sealed record Executor
{
    public required string Name { get; init; }
    public required string Type { get; init; }
    public string? Url { get; init; }
    public long? BuildOrder { get; init; }
    public string? BuildName { get; init; }
    public string? BuildUrl { get; init; }
    public string? ReportName { get; init; }
    public string? ReportUrl { get; init; }
}

namespace ConformanceKit.Reports.Allure.Model;

/// <summary>
/// Why a result is not passed. <see cref="Known"/> marks a failure as a known issue (the sample
/// dext's known-vulnerable paths); <see cref="Expected"/>/<see cref="Actual"/> feed the report's diff view.
/// </summary>
public sealed record StatusDetails
{
    public string? Message { get; init; }
    public string? Trace { get; init; }
    public bool? Known { get; init; }
    public bool? Muted { get; init; }
    public bool? Flaky { get; init; }
    public string? Expected { get; init; }
    public string? Actual { get; init; }
}

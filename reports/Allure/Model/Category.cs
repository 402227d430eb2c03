namespace ConformanceKit.Reports.Allure.Model;

/// <summary>
/// A failure category as in <c>categories.json</c>: a result falls in it when its status is one of
/// <see cref="MatchedStatuses"/> and its message matches <see cref="MessageRegex"/>. Allure 2 matches
/// the whole message, Allure 3 searches it, so the regexes here are anchored and end in <c>[\s\S]*</c>
/// to mean the same in both.
/// </summary>
public sealed record Category
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<AllureStatus> MatchedStatuses { get; init; } = [];
    public string? MessageRegex { get; init; }
    public string? TraceRegex { get; init; }
    public bool? Flaky { get; init; }
}

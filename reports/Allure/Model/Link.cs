namespace ConformanceKit.Reports.Allure.Model;

/// <summary>A link shown with a result (type <c>link</c>, <c>issue</c> or <c>tms</c>).</summary>
public sealed record Link(string Url)
{
    public string? Name { get; init; }
    public string? Type { get; init; }
}

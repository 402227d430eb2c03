namespace ConformanceKit.Reports.Allure.Model;

/// <summary>
/// A container (<c>&lt;uuid&gt;-container.json</c>) groups results under a fixture; its befores/afters
/// are the set-up and tear-down that ran around its children (shown on each child).
/// </summary>
public sealed record AllureContainer
{
    public required string Uuid { get; init; }
    public string? Name { get; init; }
    public IReadOnlyList<string> Children { get; init; } = [];
    public IReadOnlyList<StepResult> Befores { get; init; } = [];
    public IReadOnlyList<StepResult> Afters { get; init; } = [];
    public long? Start { get; init; }
    public long? Stop { get; init; }
}

namespace ConformanceKit.Reports.Allure.Model;

/// <summary>A step inside a result; used to group one finding's attachments when a result has several.</summary>
public sealed record StepResult
{
    public required string Name { get; init; }
    public AllureStatus Status { get; init; } = AllureStatus.Passed;
    public StatusDetails? StatusDetails { get; init; }
    public AllureStage Stage { get; init; } = AllureStage.Finished;
    public string? Description { get; init; }
    public IReadOnlyList<StepResult> Steps { get; init; } = [];
    public IReadOnlyList<Attachment> Attachments { get; init; } = [];
    public IReadOnlyList<Parameter> Parameters { get; init; } = [];
    public long? Start { get; init; }
    public long? Stop { get; init; }
}

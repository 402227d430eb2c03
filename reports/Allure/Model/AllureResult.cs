namespace ConformanceKit.Reports.Allure.Model;

/// <summary>
/// One test result, written as <c>&lt;uuid&gt;-result.json</c>. Times are Unix milliseconds.
/// Build ids with <see cref="Identity.AllureIds"/> so history and trends follow a test across runs.
/// <para>
/// The format followed — by this record and the rest of Model/ — is the reader of Allure 3's sources
/// at tag v3.14.3 (allure-framework/allure3, commit ab15df7, <c>packages/reader/src/allure2/model.ts</c>
/// and <c>index.ts</c>) and the writer side in allure-js-commons (<c>packages/allure-js-commons/src/model.ts</c>).
/// The pinned `allure` npm package is 3.18.0 (3.14.3 cannot show descriptions of a single-file report
/// opened from disk, allure3#825); its published reader (<c>@allurereport/reader/dist/allure2/</c>) has
/// the same model and reads results, containers and attachments the same way. File names follow the
/// reader's matching rules: <c>*-result.json</c>, <c>*-container.json</c>, <c>*-attachment[.ext]</c>,
/// <c>environment.properties</c>, <c>executor.json</c>, <c>categories.json</c>.
/// </para>
/// </summary>
public sealed record AllureResult
{
    public required string Uuid { get; init; }
    public required string Name { get; init; }
    public string? FullName { get; init; }
    public string? HistoryId { get; init; }
    public string? TestCaseId { get; init; }
    public IReadOnlyList<string>? TitlePath { get; init; }
    public required AllureStatus Status { get; init; }
    public StatusDetails? StatusDetails { get; init; }
    public AllureStage Stage { get; init; } = AllureStage.Finished;
    public string? Description { get; init; }
    public string? DescriptionHtml { get; init; }
    public required long Start { get; init; }
    public required long Stop { get; init; }
    public IReadOnlyList<Label> Labels { get; init; } = [];
    public IReadOnlyList<Link> Links { get; init; } = [];
    public IReadOnlyList<Parameter> Parameters { get; init; } = [];
    public IReadOnlyList<Attachment> Attachments { get; init; } = [];
    public IReadOnlyList<StepResult> Steps { get; init; } = [];
}

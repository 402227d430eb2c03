namespace ConformanceKit.Spec.Draft;

/// <summary>
/// What `spec init` observed beyond the dispatch survey, for <see cref="SpecDraftWriter"/>: the async
/// protocol (or the crash that ended its observation), the probed shapes of selectors without a dispatch
/// entry, the answers of the selectors with one, and whether the dext runs on a simulated device.
/// </summary>
public sealed record DraftObservations(
    AsyncSurvey? Async = null,
    AsyncSurveyCrash? AsyncCrash = null,
    IReadOnlyList<ProbedSelector>? Probes = null,
    IReadOnlyList<SelectorAnswers>? Answers = null,
    bool OnDevice = false);

using System.Collections.Immutable;
using ConformanceKit.IOKit;
using ConformanceKit.Transports;

namespace ConformanceKit.Spec.Draft;

/// <summary>
/// What a dext showed of its user client when each selector was called once (<see cref="DispatchSurveyor"/>):
/// the service it registered, who may open it, the answer to selectors far outside any table, and per
/// selector the dispatch entry its ExternalMethod passed to IOUserClient::ExternalMethod. What `spec
/// init` drafts from and what `spec diff` compares a spec with.
/// </summary>
public sealed record DispatchSurvey(
    string Service,
    string? BundleIdentifier,
    AccessPolicy Access,
    uint ConnectionType,
    ImmutableArray<IOReturn> OutOfRange,
    ImmutableArray<SurveyedSelector> Selectors,
    uint Tried)
{
    public SurveyedSelector? Find(uint selector) => Selectors.FirstOrDefault(s => s.Selector == selector);

    /// <summary>The userclient-access identifiers a client needs to open the service: none, or the bundle identifier.</summary>
    public IReadOnlyList<string> AccessIds => Access == AccessPolicy.Any || BundleIdentifier is null ? [] : [BundleIdentifier];
}

/// <summary>
/// One selector that answered otherwise than a selector far outside the table: through a dispatch entry
/// (<see cref="Entry"/>; several when the dext passed different ones), or without reaching
/// IOUserClient::ExternalMethod (no entry: the dext's own switch), or by crashing the dext.
/// </summary>
public sealed record SurveyedSelector(uint Selector, IOReturn Result, ImmutableArray<DispatchEntry> Entries, string? Crash)
{
    /// <summary>The entry the dext passed, when it passed exactly one with a table entry.</summary>
    public DispatchEntry? Entry => Entries is [{ HasEntry: true } only] ? only : null;

    /// <summary>Answered by the dext itself: no dispatch entry reached IOUserClient::ExternalMethod.</summary>
    public bool AnsweredWithoutEntry => Crash is null && !Entries.Any(e => e.HasEntry);
}

using System.Collections.Immutable;
using ConformanceKit.IOKit;

namespace ConformanceKit.Spec.Draft;

/// <summary>
/// The async protocol as <see cref="AsyncSurveyor"/> saw it: the selector that registers the callback, the
/// ones refused before it and served after it, what they were refused with, whether a call owes a
/// completion, when it came (virtual clock) with which status, and its arguments as expressions over the
/// owing call's inputs where three calls with different inputs agree on one (null where they do not), and
/// the limit of completions a connection may have owed, if requests met one.
/// </summary>
public sealed record AsyncSurvey(
    uint Register,
    bool RegisterCompletes,
    ImmutableArray<uint> Requests,
    bool RequestsComplete,
    ImmutableArray<IOReturn> RefusedBeforeRegister,
    ulong DelayNs,
    IOReturn Status,
    ImmutableArray<string?> Args)
{
    /// <summary>The pending completions a connection may have, and the refusal past them, when requests are refused once enough are owed.</summary>
    public LimitsSpec? Limit { get; init; }
}

using System.Collections.Immutable;
using ConformanceKit.IOKit;

namespace ConformanceKit.Spec.Draft;

/// <summary>
/// The async protocol as <see cref="AsyncSurveyor"/> saw it: the selector that registers the callback, the
/// ones refused before it and served after it, what they were refused with, whether a call owes a
/// completion, when it came (virtual clock) with which status, and its arguments as expressions over the
/// owing call's inputs where three calls with different inputs agree on one (null where they do not).
/// </summary>
public sealed record AsyncSurvey(
    uint Register,
    bool RegisterCompletes,
    ImmutableArray<uint> Requests,
    bool RequestsComplete,
    ImmutableArray<IOReturn> RefusedBeforeRegister,
    ulong DelayNs,
    IOReturn Status,
    ImmutableArray<string?> Args);

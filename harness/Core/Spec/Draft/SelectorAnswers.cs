using System.Collections.Immutable;
using ConformanceKit.IOKit;

namespace ConformanceKit.Spec.Draft;

/// <summary>An error a well-shaped call got, and the circumstance that explains it (the draft's comment on its mayReturn:).</summary>
public sealed record ObservedRefusal(IOReturn Code, string When);

/// <summary>
/// What a selector with a dispatch entry answered to well-shaped calls (<see cref="AnswerSurveyor"/>): the
/// errors a circumstance explains (mayReturn:), whether it completed its own call (async: own), and an
/// error nothing explained, which the draft leaves to the user.
/// </summary>
public sealed record SelectorAnswers(uint Selector, ImmutableArray<ObservedRefusal> MayReturn, bool CompletesOwnCall, IOReturn? Unexplained);

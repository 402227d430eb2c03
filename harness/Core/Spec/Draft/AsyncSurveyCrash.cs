namespace ConformanceKit.Spec.Draft;

/// <summary>
/// The dext crashed or hung while <see cref="AsyncSurveyor"/> observed its async protocol: a bug found
/// (spec init reports it as memory.safety), and the protocol left to the user. What was seen before the
/// crash is kept so that the draft can say it.
/// </summary>
/// <param name="Selector">The selector whose call or completion was awaited when it happened.</param>
/// <param name="Kind">The crash's kind and dext frames (<see cref="Runner.CrashSignature"/>), or "hang".</param>
/// <param name="While">What the survey was doing, in words ("the clock run 60 s after selector 1 was called with a completion").</param>
/// <param name="ServedFresh">Selectors served with a completion on a fresh connection before it: the register candidates.</param>
public sealed record AsyncSurveyCrash(uint Selector, string Kind, string While, IReadOnlyList<uint> ServedFresh);

using System.Collections.Immutable;
using ConformanceKit.IOKit;
using ConformanceKit.Spec;
using ConformanceKit.Spec.Draft;
using ConformanceKit.Transports;

namespace ConformanceKit.Tests.Spec.Draft;

/// <summary>Surveys made by hand: what the writer and the drift are tested on, without a dext.</summary>
internal static class SurveyExamples
{
    public const uint Any = DispatchEntry.Variable;

    public static SurveyedSelector WithEntry(uint selector, uint completion, uint scalarIn, uint structIn, uint scalarOut, uint structOut,
        DispatchEntryFlags flags = DispatchEntryFlags.None) =>
        new(selector, IOReturn.BadArgument, [new DispatchEntry(1, selector, flags, completion, scalarIn, structIn, scalarOut, structOut, 1)], null);

    public static SurveyedSelector Switch(uint selector, IOReturn result) => new(selector, result, [], null);

    public static SurveyedSelector Crashed(uint selector) => new(selector, default, [], "AddressSanitizer: SEGV on unknown address\nmore");

    /// <summary>NullDriverHardened's table as the runtime records it.</summary>
    public static DispatchSurvey Hardened(params SurveyedSelector[] more) => new("Hardened", "com.example.Hardened", AccessPolicy.Entitled, 0,
        [IOReturn.Unsupported],
        [
            WithEntry(0, 0, 16, 0, 16, 0),
            WithEntry(1, 0, 0, 16, 0, 16),
            WithEntry(4, 1, 0, 16, 0, 16),
            WithEntry(5, Any, 0, 16, 0, Any),
            .. more,
        ], 38);
}

using System.Collections.Immutable;
using ConformanceKit.IOKit;
using ConformanceKit.Spec;

namespace ConformanceKit.Oracle;

/// <summary>
/// What the oracle expects of one call: the rule that judges it, the return codes allowed
/// (empty = any return is fine, only memory safety applies), why, and — for a call that should be
/// accepted — the selector entry whose outputs and effects apply.
/// </summary>
public sealed record CallExpectation(
    string Rule,
    string Kind,
    ImmutableArray<IOReturn> Allowed,
    bool AllowAnyFailure,
    string Reason,
    SelectorSpec? Accepting)
{
    public bool Permits(IOReturn observed) =>
        (Allowed.IsEmpty && !AllowAnyFailure) || Allowed.Contains(observed) || (AllowAnyFailure && !observed.IsSuccess);

    public string DescribeAllowed() =>
        Allowed.IsEmpty && !AllowAnyFailure ? "any return"
        : AllowAnyFailure && Allowed.IsEmpty ? "a refusal (any error)"
        : string.Join(" or ", Allowed.Select(r => r.ToString())) + (AllowAnyFailure ? " or another error" : "");

    public static CallExpectation Exactly(string rule, string kind, IOReturn code, string reason, SelectorSpec? accepting = null) =>
        new(rule, kind, [code], false, reason, accepting);
}

using ConformanceKit.IOKit;
using ConformanceKit.Programs;
using ConformanceKit.Spec;

namespace ConformanceKit.Oracle;

/// <summary>
/// Decides what a call must return, in the order the kernel and the default
/// IOUserClient::ExternalMethod decide it (docs/driverkit-semantics.md): more than 16 scalars fail in
/// IOKitLib with MIG_ARRAY_TOO_LARGE; a selector outside the table gets the spec's error; a checked
/// selector checks completion, scalar input count, structure input size, scalar output count
/// (after clamping to 16) and structure output size, each mismatch kIOReturnBadArgument; an async
/// request before registration is refused; anything else well-shaped is accepted — when the selector
/// has a structure input template, only an input that matches it (docs: README "The spec format").
/// </summary>
public static class DispatchOracle
{
    const uint MaxScalars = IOKitLimits.MaxScalars;

    /// <param name="owed">Completions the connection is owed now (not counting async: own calls): against the spec's limits:.</param>
    public static CallExpectation Expect(DispatchSpec spec, CallStep call, bool callbackRegistered, int owed = 0)
    {
        var entry = spec.Find(call.Selector);
        if (call.ScalarInput.Count > MaxScalars)
        {
            return CallExpectation.Exactly(entry is null ? Rules.SelectorRange : Rules.DispatchShape, "scalar-limit",
                IOReturn.MigArrayTooLarge, $"{call.ScalarInput.Count} input scalars exceed IOKit's {MaxScalars}; IOKitLib fails before the dext runs");
        }
        if (entry is null)
        {
            return new CallExpectation(Rules.SelectorRange, "out-of-range", spec.OutOfRange, false,
                $"selector {call.Selector} is not in the table", null);
        }
        if (FirstShapeMismatch(entry, call) is { } mismatch)
        {
            return entry.Checked
                ? CallExpectation.Exactly(Rules.DispatchShape, mismatch.Check, IOReturn.BadArgument, $"{entry.Label}: {mismatch.Explanation}")
                : new CallExpectation(Rules.MemorySafety, mismatch.Check, [], false, $"{entry.Label} is unchecked: {mismatch.Explanation}; any return but no crash", null);
        }
        // A well-shaped call whose structure input is not a message of the selector's template: the
        // dext may refuse it however it likes (it is not the declared input), but must not crash.
        if (entry.Template?.FirstMismatch(call.StructInput.AsSpan()) is { } offTemplate)
            return new CallExpectation(Rules.MemorySafety, "off-template", [], false, $"{entry.Label}: structure input off its template: {offTemplate}; any return but no crash", null);
        if (entry.Role == AsyncRole.Request && !callbackRegistered)
        {
            var refused = spec.Async?.RefusedBeforeRegister ?? [];
            return new CallExpectation(Rules.AsyncRegisterBeforeRequest, "request-before-register", refused, refused.IsEmpty,
                $"{entry.Label} requests async work before a callback is registered", null);
        }
        if (entry.Completes && callbackRegistered && spec.Limits is { } limits && owed >= limits.PendingCompletions)
            return CallExpectation.Exactly(Rules.DispatchAccept, "beyond-limit", limits.Beyond,
                $"{entry.Label} would owe a completion past the spec's limit of {limits.PendingCompletions} pending on a connection (limits:)");
        return new CallExpectation(Rules.DispatchAccept, "accept", [IOReturn.Success, .. entry.MayReturn], false,
            $"{entry.Label} is called with its declared shape", entry);
    }

    public sealed record ShapeMismatch(string Check, string Explanation);

    /// <summary>The first dispatch check the call fails, in the default ExternalMethod's order.</summary>
    public static ShapeMismatch? FirstShapeMismatch(SelectorSpec entry, CallStep call)
    {
        var shape = entry.Shape;
        switch (entry.Completion)
        {
            case CompletionRule.Required when !call.HasCompletion:
                return new("completion", "needs an async completion; the call has none");
            case CompletionRule.Forbidden when call.HasCompletion:
                return new("completion", "takes no async completion; the call has one");
        }
        if (!shape.ScalarInput.Accepts((ulong)call.ScalarInput.Count))
            return new("scalarInput", $"takes {shape.ScalarInput} input scalars; the call passes {call.ScalarInput.Count}");
        if (!shape.StructInput.Accepts((ulong)call.StructInput.Count))
            return new("structInput", $"takes a {shape.StructInput}-byte structure input; the call passes {call.StructInput.Count}");
        var clamped = Math.Min(call.ScalarOutputCapacity, MaxScalars);
        if (!shape.ScalarOutput.Accepts(clamped))
            return new("scalarOutput", $"returns {shape.ScalarOutput} scalars; the call has room for {clamped}");
        if (!shape.StructOutput.Accepts(call.StructOutputCapacity))
            return new("structOutput", $"returns a {shape.StructOutput}-byte structure; the call has room for {call.StructOutputCapacity}");
        return null;
    }
}

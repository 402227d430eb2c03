using System.Collections.Immutable;
using System.Globalization;
using ConformanceKit.IOKit;
using ConformanceKit.Transports;
using static ConformanceKit.Spec.Draft.EntryWords;

namespace ConformanceKit.Spec.Draft;

/// <summary>One way a spec and the dext disagree: a selector's field (null selector: the spec's top level), as each has it.</summary>
/// <param name="Kind">What differs, as a finding's kind: the field's name, or for a selector one side lacks
/// declared-out-of-range, undeclared-entry, undeclared-answer (no entry: the dext's own code) or undeclared-crash.</param>
public sealed record SpecDifference(uint? Selector, string Field, string InSpec, string InDext, string Kind)
{
    /// <summary>The field a selector that one side has and the other lacks differs in.</summary>
    public const string Presence = "selector";

    public override string ToString() => Field == Presence
        ? $"selector {Selector?.ToString(CultureInfo.InvariantCulture)}: spec {InSpec}, dext {InDext}"
        : $"{(Selector is { } s ? $"selector {s.ToString(CultureInfo.InvariantCulture)} " : "")}{Field}: spec {InSpec}, dext {InDext}";
}

/// <summary>
/// What `spec diff` and `check` report: every difference between a spec and what the dext did in a
/// <see cref="DispatchSurvey"/> — the dispatch entries (completion, the four counts and sizes, and a
/// spec that calls a selector checked where the entry checks nothing of the kind), selectors the dext
/// has that the spec lacks and the reverse, the access policy, the bundle identifier and the
/// out-of-range result. Selectors the dext answers in its own code (no entry) are compared only for
/// their existence: their checks are not the runtime's to see.
/// </summary>
public static class SpecDrift
{
    /// <param name="async">The async protocol as observed (`spec diff`), or null to leave it out (check, where async.* judge it with programs).</param>
    public static ImmutableArray<SpecDifference> Compare(DispatchSpec spec, DispatchSurvey survey, AsyncSurvey? async = null)
    {
        var differences = ImmutableArray.CreateBuilder<SpecDifference>();
        if (async is not null) Async(spec, async, differences);
        if (spec.Access != survey.Access)
            differences.Add(new SpecDifference(null, "access", Word(spec.Access), Word(survey.Access), "access"));
        if (survey.BundleIdentifier is { } bundle && spec.BundleIdentifier is { } declared && declared != bundle)
            differences.Add(new SpecDifference(null, "bundleIdentifier", declared, bundle, "bundleIdentifier"));
        var strange = survey.OutOfRange.Where(r => !spec.OutOfRange.Contains(r)).ToArray();
        if (strange.Length > 0)
            differences.Add(new SpecDifference(null, "outOfRange", Codes(spec.OutOfRange), Codes(strange) + " for a far selector", "outOfRange"));
        foreach (var declaredSelector in spec.Selectors)
        {
            var seen = survey.Find(declaredSelector.Selector);
            // An unchecked selector answered in the dext's own switch may well answer as far selectors
            // do (litepcie's and NullUSBDriver's switches answer success to anything): nothing can be
            // told from outside. A checked one promises a check an out-of-range answer does not make.
            if (seen is null)
            {
                if (declaredSelector.Checked)
                    differences.Add(new SpecDifference(declaredSelector.Selector, SpecDifference.Presence, "declares it", $"answers it as out of range ({Codes(survey.OutOfRange)})",
                        "declared-out-of-range"));
            }
            else if (seen.Entry is { HasFunction: true } entry)
                Entry(declaredSelector, entry, differences);
        }
        foreach (var seen in survey.Selectors)
        {
            if (spec.Find(seen.Selector) is not null) continue;
            var (what, kind) = seen.Crash is not null ? ("crashes when called without arguments", "undeclared-crash")
                : seen.Entries.Any(e => e.HasEntry) ? ($"has a dispatch entry ({string.Join("; ", seen.Entries.Where(e => e.HasEntry).Select(Shape))})", "undeclared-entry")
                : ($"answers {Code(seen.Result)} without a dispatch entry", "undeclared-answer");
            differences.Add(new SpecDifference(seen.Selector, SpecDifference.Presence, "does not declare it", what, kind));
        }
        return differences.ToImmutable();
    }

    /// <summary>Which selector registers, which request, which owe a completion, and the delay a completion came after.</summary>
    static void Async(DispatchSpec spec, AsyncSurvey async, ImmutableArray<SpecDifference>.Builder differences)
    {
        if (spec.RegisterSelector?.Selector != async.Register)
            differences.Add(new SpecDifference(null, "async register", spec.RegisterSelector is { } r ? $"selector {r.Selector}" : "none",
                $"selector {async.Register}", "async-register"));
        foreach (var declared in spec.Selectors)
        {
            var observed = declared.Selector == async.Register ? AsyncRole.RegisterCallback
                : async.Requests.Contains(declared.Selector) ? AsyncRole.Request : AsyncRole.None;
            // async: own is not what this survey observes (spec init's answer survey does): declared, it is no drift.
            if (declared.Role != observed && !(declared.Role == AsyncRole.Own && observed == AsyncRole.None))
                differences.Add(new SpecDifference(declared.Selector, "async", Word(declared.Role), Word(observed), "async-role"));
            else if (observed != AsyncRole.None)
            {
                var completes = observed == AsyncRole.RegisterCallback ? async.RegisterCompletes : async.RequestsComplete;
                if (declared.Completes != completes)
                    differences.Add(new SpecDifference(declared.Selector, "completes", declared.Completes ? "true" : "false",
                        completes ? "true (one completion came)" : "false (no completion came)", "async-completes"));
            }
        }
        if (async.Limit is { } limit && spec.Limits != limit)
            differences.Add(new SpecDifference(null, "limits", spec.Limits is { } declared ? $"{declared.PendingCompletions} pending, then {Code(declared.Beyond)}" : "none",
                $"requests refused with {Code(limit.Beyond)} once {limit.PendingCompletions} completions were owed", "limits"));
        if (spec.Async is { } declaredAsync && (async.RegisterCompletes || async.RequestsComplete)
            && (async.DelayNs < declaredAsync.DelayNs || async.DelayNs > declaredAsync.DelayNs + declaredAsync.LeewayNs))
            differences.Add(new SpecDifference(null, "async delay", $"{Durations.Format(declaredAsync.DelayNs)} + {Durations.Format(declaredAsync.LeewayNs)} leeway",
                $"a completion after {Durations.Format(async.DelayNs)}", "async-delay"));
    }

    static void Entry(SelectorSpec declared, DispatchEntry entry, ImmutableArray<SpecDifference>.Builder differences)
    {
        var completion = Completion(entry.CheckCompletionExists);
        if (completion != declared.Completion)
            differences.Add(new SpecDifference(declared.Selector, "completion", Word(declared.Completion), Word(completion), "completion"));
        Size(declared, "scalarInput", declared.Shape.ScalarInput, entry.CheckScalarInputCount, differences);
        Size(declared, "structInput", declared.Shape.StructInput, entry.CheckStructureInputSize, differences);
        Size(declared, "scalarOutput", declared.Shape.ScalarOutput, entry.CheckScalarOutputCount, differences);
        Size(declared, "structOutput", declared.Shape.StructOutput, entry.CheckStructureOutputSize, differences);
    }

    /// <summary>
    /// A fixed size in both that differs; or, for a checked selector, a fixed size the entry does not check
    /// (the spec promises a refusal the dext never gives). An unchecked selector's size is the shape it
    /// accepts, which a variable entry accepts too.
    /// </summary>
    static void Size(SelectorSpec declared, string field, ShapeSize inSpec, uint inEntry, ImmutableArray<SpecDifference>.Builder differences)
    {
        var entry = new ShapeSize(inEntry);
        var differs = entry.IsVariable ? declared.Checked && !inSpec.IsVariable : entry != inSpec && (declared.Checked || !inSpec.IsVariable);
        if (differs)
            differences.Add(new SpecDifference(declared.Selector, field, inSpec.ToString() + (declared.Checked ? " (checked)" : ""),
                $"{entry} in its dispatch entry{(entry.IsVariable ? " (not checked)" : "")}", field));
    }

    static string Shape(DispatchEntry entry) =>
        $"completion {Word(Completion(entry.CheckCompletionExists))}, "
        + $"scalarInput {new ShapeSize(entry.CheckScalarInputCount)}, structInput {new ShapeSize(entry.CheckStructureInputSize)}, "
        + $"scalarOutput {new ShapeSize(entry.CheckScalarOutputCount)}, structOutput {new ShapeSize(entry.CheckStructureOutputSize)}";

    static string Codes(IEnumerable<IOReturn> codes) => string.Join(", ", codes.Select(Code));
}

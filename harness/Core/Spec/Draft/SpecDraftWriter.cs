using System.Globalization;
using System.Text;
using ConformanceKit.IOKit;
using ConformanceKit.Transports;
using static ConformanceKit.Spec.Draft.EntryWords;

namespace ConformanceKit.Spec.Draft;

/// <summary>
/// The draft spec `spec init` writes from a <see cref="DispatchSurvey"/>: the spec format of the README,
/// every observed fact as a key, and what the runtime cannot observe (names, outputs as expressions,
/// examples, the async protocol, known findings) as commented TODOs, so that the draft loads and
/// `check` can judge it at once (dispatch.accept then checks shapes only).
/// </summary>
public static class SpecDraftWriter
{
    /// <exception cref="SurveyException">no selector answered through a dispatch entry or succeeded while probed: nothing to draft a table from.</exception>
    /// <param name="observed">What else was observed: the async protocol, probed shapes, answers, the device.</param>
    /// <param name="carried">Sections of the existing spec the draft keeps as they are (<see cref="CarriedSections"/>), with the file they came from.</param>
    public static string Write(string dext, DispatchSurvey survey, DraftObservations? observed = null, (string Text, string From)? carried = null)
    {
        observed ??= new DraftObservations();
        var (async, asyncCrash) = (observed.Async, observed.AsyncCrash);
        var probes = observed.Probes ?? [];
        var answers = observed.Answers ?? [];
        var drafted = survey.Selectors.Count(s => s.Entry is { HasFunction: true }) + probes.Count(p => p.Shape is not null);
        if (drafted == 0)
            throw new SurveyException($"no selector of {dext} reached IOUserClient::ExternalMethod with a dispatch entry, or succeeded for any probed shape, "
                + $"among the {survey.Tried} tried");
        var text = new StringBuilder();
        var tried = $"0..{survey.Tried - 1} and {string.Join(", ", DispatchSurveyor.FarSelectors.Select(Hex))}";
        Line(text, $"# Draft spec of {dext}, written by `conformancekit spec init` from what the dext did when");
        Line(text, $"# selectors {tried} were called once (README, \"The spec format\"),");
        Line(text, "# and the selectors it answers in its own code were probed with boundary counts and sizes.");
        Line(text, "# The runtime cannot observe the TODOs: names, outputs as expressions, examples, known findings.");
        Line(text, "specVersion: 1");
        Line(text, $"dext: {dext}");
        Line(text, $"service: {survey.Service}");
        if (survey.BundleIdentifier is { } bundle) Line(text, $"bundleIdentifier: {bundle}");
        Line(text, survey.Access == AccessPolicy.Any
            ? "access: any                      # a client without userclient-access could open it"
            : "access: entitled                 # only a client listing the bundle identifier could open it");
        Line(text, $"connectionType: {survey.ConnectionType.ToString(CultureInfo.InvariantCulture)}");
        Line(text, $"outOfRange: {(survey.OutOfRange.Length == 1 ? Code(survey.OutOfRange[0]) : $"[{string.Join(", ", survey.OutOfRange.Select(Code))}]")}"
            + $"   # what selectors {string.Join(", ", DispatchSurveyor.FarSelectors.Select(Hex))} answered");
        Line(text, "");
        Line(text, "selectors:");
        foreach (var seen in survey.Selectors)
        {
            var probe = probes.FirstOrDefault(p => p.Selector == seen.Selector);
            if (seen.Entry is { HasFunction: true } entry) Selector(text, seen, entry, async, answers.FirstOrDefault(a => a.Selector == seen.Selector));
            else if (probe is { Shape: not null } || probe is { Refusals.IsEmpty: false, Stopped: false }) ProbedSelectorText.Write(text, probe);
            else Unknown(text, seen, probe);
        }
        if (async is { } protocol && (protocol.RegisterCompletes || protocol.RequestsComplete)) Async(text, protocol);
        else if (async is null)
        {
            if (asyncCrash is not null) AsyncCrash(text, asyncCrash);
            Line(text, "# TODO async: which selector registers the callback (async: register), which requests (async: request,");
            Line(text, "#   completes: true), and the completions' delay, leeway, status and arguments (see \"The spec format\").");
        }
        Line(text, "# TODO known: the findings the dext is known to have.");
        if (observed.OnDevice && !(carried is { } withDevice && CarriedSections.Has(withDevice.Text, "device")))
        {
            Line(text, "");
            Line(text, "device: {}                         # it started on a simulated device: its personality's, which programs drive (docs/devices.md)");
        }
        if (carried is { Text.Length: > 0 } kept)
        {
            Line(text, "");
            Line(text, $"# Carried over from {kept.From}: how the dext is built and what it runs on.");
            text.Append(kept.Text);
        }
        return text.ToString();
    }

    static void Selector(StringBuilder text, SurveyedSelector seen, DispatchEntry entry, AsyncSurvey? async, SelectorAnswers? answers)
    {
        var selector = seen.Selector;
        Line(text, $"  - selector: {selector.ToString(CultureInfo.InvariantCulture)}");
        Line(text, "    # name: TODO");
        if (seen.Crash is { } crash)
            Line(text, $"    # the call without arguments, which this entry lets through, crashed the dext: {OneLine(crash)}");
        Line(text, "    checked: true                  # its IOUserClientMethodDispatch entry checks the shape");
        Line(text, $"    completion: {Word(Completion(entry.CheckCompletionExists))}");
        Line(text, $"    scalarInput: {Size(entry.CheckScalarInputCount)}");
        Line(text, $"    structInput: {Size(entry.CheckStructureInputSize)}");
        Line(text, $"    scalarOutput: {Size(entry.CheckScalarOutputCount)}");
        Line(text, $"    structOutput: {Size(entry.CheckStructureOutputSize)}");
        if (async?.Register == selector)
        {
            Line(text, "    async: register                # served on a fresh connection; requests are served only after it");
            Line(text, $"    completes: {(async.RegisterCompletes ? "true" : "false")}");
        }
        else if (async is not null && async.Requests.Contains(selector))
        {
            Line(text, $"    async: request                 # refused before selector {async.Register.ToString(CultureInfo.InvariantCulture)} registered the callback");
            Line(text, $"    completes: {(async.RequestsComplete ? "true" : "false")}");
        }
        else if (answers is { CompletesOwnCall: true })
            Line(text, "    async: own                     # completed its own call through its completion, no callback registered (observed)");
        if (answers is { MayReturn.IsEmpty: false } explained)
            Line(text, $"    mayReturn: [{string.Join(", ", explained.MayReturn.Select(r => Code(r.Code)).Distinct())}]   # observed: "
                + string.Join("; ", explained.MayReturn.Select(r => $"{Code(r.Code)} when {r.When}")));
        if (answers?.Unexplained is { } error)
            Line(text, $"    # TODO its well-shaped call answered {Code(error)}, and neither device data nor other sizes made it succeed: a bug, or an answer to list under mayReturn:");
        Line(text, "    # result: TODO the outputs as expressions over the inputs");
        Line(text, "    # examples: TODO concrete input and output vectors");
        Line(text, "");
    }

    /// <summary>A selector the draft cannot declare: said in a comment, so the user sees it and decides.</summary>
    static void Unknown(StringBuilder text, SurveyedSelector seen, ProbedSelector? probe)
    {
        var number = seen.Selector.ToString(CultureInfo.InvariantCulture);
        if (probe is not null)
        {
            Line(text, $"  # TODO selector {number} answered {(seen.Crash is null ? Code(seen.Result) : "with a crash")} without a dispatch entry, and none of the"
                + $" {probe.Calls.ToString(CultureInfo.InvariantCulture)} shapes it was probed with succeeded{(probe.Stopped ? " (probing stopped: it crashed or hung too often)" : "")}:");
            Line(text, "  #   declare the shape it accepts with checked: false");
            ProbedSelectorText.Crashes(text, probe, "  ");
        }
        else if (seen.Crash is { } crash)
            Line(text, $"  # TODO selector {number} crashed the dext when called without arguments: {OneLine(crash)}");
        else if (seen.Entries.Count(e => e.HasEntry) > 1)
            Line(text, $"  # TODO selector {number}: the dext passed {seen.Entries.Length} different dispatch entries for it; declare the one it means");
        else if (seen.Entry is { HasFunction: false })
            Line(text, $"  # TODO selector {number}: its dispatch entry has no function (every well-shaped call gets kIOReturnNoCompletion)");
        else
            Line(text, $"  # TODO selector {number} answered {Code(seen.Result)} without a dispatch entry (the dext's own checks):"
                + " declare its accepted shape with checked: false");
        Line(text, "");
    }

    /// <summary>What was seen of the async protocol before the dext died observing it: the roles stay the user's to declare.</summary>
    static void AsyncCrash(StringBuilder text, AsyncSurveyCrash crash)
    {
        Line(text, $"# TODO the dext crashed ({crash.Kind}) while its async protocol was observed: {OneLine(crash.While)}.");
        if (crash.ServedFresh.Count > 0)
            Line(text, $"#   Served with a completion on a fresh connection, so a candidate for async: register: selector(s) {string.Join(", ", crash.ServedFresh)};"
                + " what its completions carry was not seen.");
    }

    /// <summary>The async: section: observed on the virtual clock, the arguments inferred from three runs.</summary>
    static void Async(StringBuilder text, AsyncSurvey async)
    {
        Line(text, "async:                             # observed on the simulator's virtual clock, arguments inferred from three calls");
        Line(text, $"  delay: {Durations.Format(async.DelayNs)}");
        Line(text, "  leeway: 0s                       # TODO the leeway the dext gives its timer (the virtual clock fires at the deadline)");
        Line(text, $"  status: {Code(async.Status)}");
        if (async.Args.IsEmpty) Line(text, "  args: []");
        else
        {
            Line(text, "  args:");
            for (var k = 0; k < async.Args.Length; k++)
                Line(text, async.Args[k] is { } expression
                    ? $"    - \"{expression}\""
                    : $"    - \"0\"                        # TODO argument {k.ToString(CultureInfo.InvariantCulture)} follows no input word: its expression");
        }
        if (!async.RefusedBeforeRegister.IsEmpty)
            Line(text, $"  refusedBeforeRegister: [{string.Join(", ", async.RefusedBeforeRegister.Select(Code))}]");
        if (async.Limit is { } limit)
        {
            Line(text, "");
            Line(text, $"limits:                            # observed: requests were refused once {limit.PendingCompletions.ToString(CultureInfo.InvariantCulture)} completions were owed on the connection");
            Line(text, $"  pendingCompletions: {limit.PendingCompletions.ToString(CultureInfo.InvariantCulture)}");
            Line(text, $"  beyond: {Code(limit.Beyond)}");
        }
    }

    static string Size(uint check) => check == DispatchEntry.Variable ? "variable" : check.ToString(CultureInfo.InvariantCulture);

    static string Hex(uint selector) => $"0x{selector:x}";

    static string OneLine(string text) => string.Join(' ', text.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    internal static void Line(StringBuilder text, string line) => text.Append(line.TrimEnd()).Append('\n');
}

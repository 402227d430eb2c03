using System.Globalization;
using System.Text;
using static ConformanceKit.Spec.Draft.EntryWords;

namespace ConformanceKit.Spec.Draft;

/// <summary>
/// A probed selector in the draft (<see cref="ShapeProber"/>): `checked: false`, the inferred counts and
/// sizes with which probed values succeeded beside each, and every way the dext died while probed as a
/// comment naming the finding's kind and the first shape that showed it.
/// </summary>
internal static class ProbedSelectorText
{
    public static void Write(StringBuilder text, ProbedSelector probe)
    {
        var calls = probe.Calls.ToString(CultureInfo.InvariantCulture);
        SpecDraftWriter.Line(text, $"  - selector: {probe.Selector.ToString(CultureInfo.InvariantCulture)}");
        SpecDraftWriter.Line(text, "    # name: TODO");
        if (probe.Shape is { } shape)
        {
            Key(text, "checked: false", $"no dispatch entry: the dext checks calls itself; shape inferred from {calls} probing calls");
            Key(text, $"completion: {Word(probe.Completion)}", Completion(probe.Completion));
            Dimension(text, "scalarInput", shape[ProbeDimension.ScalarInput], probe, ProbeDimension.ScalarInput, "count");
            Dimension(text, "structInput", shape[ProbeDimension.StructInput], probe, ProbeDimension.StructInput, "size");
            Dimension(text, "scalarOutput", shape[ProbeDimension.ScalarOutput], probe, ProbeDimension.ScalarOutput, "count");
            Dimension(text, "structOutput", shape[ProbeDimension.StructOutput], probe, ProbeDimension.StructOutput, "size");
        }
        else
        {
            // Declared all the same: left out, the selector would count as out of range, and selector.range
            // would report the dext's answers to it as wrong. mayReturn: keeps dispatch.accept from calling
            // the refusals failures until the user declares what the dext wants.
            SpecDraftWriter.Line(text, $"    # TODO none of the {calls} probed shapes succeeded: the dext decides by content (a structure it parses) or state.");
            SpecDraftWriter.Line(text, "    #   Declare the shape it accepts (structInput: with fields: for a message) and remove mayReturn:.");
            Key(text, "checked: false", "no dispatch entry: the dext checks calls itself");
            Key(text, "completion: any", "not found by probing");
            foreach (var key in (string[])["scalarInput", "structInput", "scalarOutput", "structOutput"])
                Key(text, $"{key}: variable", "not found by probing");
            Key(text, $"mayReturn: [{string.Join(", ", probe.Refusals.Select(Code))}]", "what every probed shape got");
        }
        Crashes(text, probe, "    ");
        SpecDraftWriter.Line(text, "    # result: TODO the outputs as expressions over the inputs");
        SpecDraftWriter.Line(text, "    # examples: TODO concrete input and output vectors");
        SpecDraftWriter.Line(text, "");
    }

    /// <summary>One comment line per way the dext died while the selector was probed (each is a finding spec init reports).</summary>
    public static void Crashes(StringBuilder text, ProbedSelector probe, string indent)
    {
        foreach (var crash in probe.Crashes)
            SpecDraftWriter.Line(text, $"{indent}# probing crashed the dext ({crash.Kind}) with {crash.Shape}"
                + (crash.Shapes > 1 ? $" and {(crash.Shapes - 1).ToString(CultureInfo.InvariantCulture)} other shape(s)" : ""));
    }

    static void Dimension(StringBuilder text, string key, ShapeSize declared, ProbedSelector probe, ProbeDimension dimension, string what)
    {
        var values = probe.Values.GetValueOrDefault(dimension);
        var note = values is null ? "" : values.AcceptsAll
            ? $"every probed {what} succeeded"
            : $"succeeded: {values.Describe()} of {values.Probed.Length.ToString(CultureInfo.InvariantCulture)} probed";
        Key(text, $"{key}: {declared}", note);
    }

    static string Completion(CompletionRule rule) => rule switch
    {
        CompletionRule.Any => "succeeded with and without a completion",
        CompletionRule.Required => "succeeded only with a completion",
        _ => "succeeded only without a completion",
    };

    /// <summary>A key of the selector with its comment in the column the draft's other comments use.</summary>
    static void Key(StringBuilder text, string keyValue, string comment) => SpecDraftWriter.Line(text, $"    {keyValue.PadRight(30)} # {comment}");
}

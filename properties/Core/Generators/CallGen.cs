using ConformanceKit.IOKit;
using ConformanceKit.Oracle;
using ConformanceKit.Programs;
using ConformanceKit.Spec;
using FsCheck;
using FsCheck.Fluent;

namespace ConformanceKit.Properties.Generators;

/// <summary>Calls to one selector: well-shaped (its declared shape), malformed (at least one check fails), or either.</summary>
public static class CallGen
{
    /// <summary>The declared shape with random data; variable sizes get a random size; completion as the entry allows.
    /// A selector with a structure input template gets one of its well-formed messages.</summary>
    public static Gen<CallStep> WellShaped(SelectorSpec entry, int slot = 0) =>
        entry.Template is { } template
            ? RawWellShaped(entry, slot).SelectMany(call => MessageGen.WellFormed(template).Select(message => call with { StructInput = message }))
            : RawWellShaped(entry, slot);

    static Gen<CallStep> RawWellShaped(SelectorSpec entry, int slot) =>
        from data in ShapeGen.Data()
        from completion in CompletionFor(entry)
        from scalarIn in Fixed(entry.Shape.ScalarInput, ShapeGen.Count(entry.Shape.ScalarInput).Where(c => c <= IOKitLimits.MaxScalars))
        from structIn in Fixed(entry.Shape.StructInput, ShapeGen.Size(entry.Shape.StructInput))
        from scalarOut in Fixed(entry.Shape.ScalarOutput, ShapeGen.Count(entry.Shape.ScalarOutput).Where(c => c <= IOKitLimits.MaxScalars))
        from structOut in Fixed(entry.Shape.StructOutput, ShapeGen.Size(entry.Shape.StructOutput))
        from refcon in Gen.Choose(1, 1000)
        select Build(entry.Selector, slot, completion, scalarIn, structIn, scalarOut, structOut, data, (ulong)refcon);

    /// <summary>A call whose shape fails at least one of the entry's dispatch checks.</summary>
    public static Gen<CallStep> Malformed(SelectorSpec entry, int slot = 0) =>
        AnyShape(entry, slot).Where(call => DispatchOracle.FirstShapeMismatch(entry, call) is not null);

    /// <summary>Any shape at all for the selector, biased to boundaries; for a template selector, its
    /// structure input half the time a message of the template, well-formed or one field off.</summary>
    public static Gen<CallStep> AnyShape(SelectorSpec entry, int slot = 0)
    {
        var raw = AnyShape(entry.Selector, entry.Shape, slot);
        if (entry.Template is not { } template) return raw;
        var message = Gen.Frequency((1, MessageGen.WellFormed(template)), (1, MessageGen.OffTemplate(template)));
        return Gen.Frequency((2, raw), (2, raw.SelectMany(call => message.Select(m => call with { StructInput = m }))));
    }

    public static Gen<CallStep> AnyShape(uint selector, SelectorShape shape, int slot = 0) =>
        from data in ShapeGen.Data()
        from completion in Gen.Elements(true, false)
        from scalarIn in ShapeGen.Count(shape.ScalarInput)
        from structIn in ShapeGen.Size(shape.StructInput)
        from scalarOut in ShapeGen.Count(shape.ScalarOutput)
        from structOut in ShapeGen.Size(shape.StructOutput)
        from refcon in Gen.Choose(1, 1000)
        select Build(selector, slot, completion, scalarIn, structIn, scalarOut, structOut, data, (ulong)refcon);

    static Gen<uint> Fixed(ShapeSize declared, Gen<uint> whenVariable) =>
        declared.IsVariable ? whenVariable : Gen.Constant(declared.Value);

    static Gen<bool> CompletionFor(SelectorSpec entry) => entry.Completion switch
    {
        CompletionRule.Required => Gen.Constant(true),
        CompletionRule.Forbidden => Gen.Constant(false),
        _ => Gen.Elements(true, false),
    };

    /// <summary>The entry's declared shape with fixed data: the plainest well-shaped call (for a template
    /// selector, the template's message with every choice <paramref name="data"/>), for sweeps and models.</summary>
    public static CallStep Declared(SelectorSpec entry, int slot, bool completion, byte data, ulong refcon)
    {
        var shape = entry.Shape;
        var call = Build(entry.Selector, slot, completion,
            shape.ScalarInput.IsVariable ? 0 : shape.ScalarInput.Value,
            shape.StructInput.Nominal, shape.ScalarOutput.Nominal, shape.StructOutput.Nominal,
            data, refcon);
        return entry.Template is { } template
            ? call with { StructInput = TemplateMessages.Build(template, TemplateMessages.WellFormedChoices(template, data)) }
            : call;
    }

    public static CallStep Build(uint selector, int slot, bool completion, uint scalarIn, uint structIn, uint scalarOut, ulong structOut, byte data, ulong refcon) =>
        new(slot, selector, ProgramData.Scalars((int)scalarIn, data), ProgramData.Bytes((int)structIn, data),
            scalarOut, structOut, completion ? new AsyncReference(refcon) : null);

    /// <summary>The calls of the entry's example vectors, as a well-shaped call would carry them.</summary>
    public static IEnumerable<CallStep> Examples(SelectorSpec entry, int slot = 0) =>
        entry.Examples.Select(example => new CallStep(slot, entry.Selector, example.ScalarInput, example.StructInput,
            entry.Shape.ScalarOutput.IsVariable ? (uint)(example.ScalarOutput?.Length ?? (int)IOKitBoundaries.VariableNominal) : entry.Shape.ScalarOutput.Value,
            entry.Shape.StructOutput.IsVariable ? (ulong)(example.StructOutput?.Length ?? 0) : entry.Shape.StructOutput.Value,
            entry.Completion == CompletionRule.Required ? new AsyncReference(1) : null));
}

using ConformanceKit.IOKit;
using ConformanceKit.Oracle;
using ConformanceKit.Programs;
using ConformanceKit.Properties.Generators;
using ConformanceKit.Spec;
using FsCheck;
using FsCheck.Fluent;

namespace ConformanceKit.Properties.Catalog;

/// <summary>
/// hid.reports, dext-wide: what the dext's HID devices hand the system, whichever selector makes
/// them. A device is usually created by one call and posts on later ones, so the programs are
/// sequences over the whole table. The sweep calls every selector with its declared shape and
/// varied contents — a variable scalar input with every count from 0 to 16, a variable structure
/// input at the sizes around common report lengths — first alone, then after each other selector's
/// declared call (the one that creates the device).
/// </summary>
public static class HidProperty
{
    static readonly byte[] Contents = [0x00, 0x01, 0xFF, 0x41];
    static readonly uint[] StructSizes = [0, 1, 2, 7, 8, 9, 63, 64, 65];

    public static RuleProperty For(DispatchSpec spec)
    {
        var calls = spec.Selectors.SelectMany(Declared).ToArray();
        var firsts = spec.Selectors.Select(entry => Build(entry, entry.Shape.ScalarInput.IsVariable ? 0 : entry.Shape.ScalarInput.Value,
            entry.Shape.StructInput.IsVariable ? 8 : entry.Shape.StructInput.Value, 1)).ToArray();
        var sweep = calls.Select(call => Open(call))
            .Concat(firsts.SelectMany(first => calls.Where(call => call.Selector != first.Selector).Select(call => Open(first, call))))
            .ToArray();
        var anyCall = Gen.Elements(spec.Selectors.ToArray())
            .SelectMany(entry => Gen.Frequency((3, CallGen.WellShaped(entry)), (1, CallGen.AnyShape(entry))));
        var generator = Gen.Choose(1, 6).SelectMany(n => Gen.ArrayOf(anyCall, n)).Select(steps => Open(steps));
        return new RuleProperty(Rules.HidReports, null, generator, sweep);
    }

    /// <summary>The declared shape with varied contents, and every count or size a variable input may take.</summary>
    static IEnumerable<CallStep> Declared(SelectorSpec entry)
    {
        var shape = entry.Shape;
        var counts = shape.ScalarInput.IsVariable ? Enumerable.Range(0, IOKitLimits.MaxScalars + 1).Select(c => (uint)c) : [shape.ScalarInput.Value];
        var sizes = shape.StructInput.IsVariable ? StructSizes : [shape.StructInput.Value];
        foreach (var data in Contents)
            foreach (var count in counts)
                foreach (var size in sizes)
                    yield return Build(entry, count, size, data);
    }

    static CallStep Build(SelectorSpec entry, uint scalars, uint structSize, byte data)
    {
        var shape = entry.Shape;
        return CallGen.Build(entry.Selector, 0, entry.Completion == CompletionRule.Required, scalars, structSize,
            shape.ScalarOutput.Nominal, shape.StructOutput.Nominal,
            data, 1);
    }

    static Program Open(params CallStep[] calls) => new([new OpenStep(0, ClientAccess.AsEntitled), .. calls]);
}

using System.Buffers.Binary;
using ConformanceKit.IOKit;
using ConformanceKit.Programs;
using ConformanceKit.Spec;
using ConformanceKit.Spec.Expressions;

namespace ConformanceKit.Oracle;

/// <summary>
/// dispatch.accept beyond the return code: an accepted call returns outputs of the declared shape,
/// the values its result formulas give, and the outputs of a matching example vector.
/// </summary>
public static class OutputJudge
{
    const uint InbandLimit = IOKitLimits.MaxInbandStruct;

    public static void Judge(SelectorSpec entry, CallStep call, int stepIndex, uint scalarCount, ulong structSize,
        ReadOnlySpan<ulong> scalarOutput, ReadOnlySpan<byte> structOutput, List<Violation> sink)
    {
        var shape = entry.Shape;
        if (!shape.ScalarOutput.IsVariable && scalarCount != shape.ScalarOutput.Value)
        {
            sink.Add(Violation(entry, stepIndex, "output-scalar-count", $"{shape.ScalarOutput} output scalars", $"{scalarCount}"));
            return;
        }
        // Outputs over 4096 bytes travel through structureOutputDescriptor; the size the app gets back
        // is not the dext's to set there, so only in-band sizes are judged.
        if (!shape.StructOutput.IsVariable && shape.StructOutput.Value <= InbandLimit && structSize != shape.StructOutput.Value)
        {
            sink.Add(Violation(entry, stepIndex, "output-struct-size", $"a {shape.StructOutput}-byte structure output", $"{structSize} bytes"));
            return;
        }
        var returnedScalars = scalarOutput[..(int)Math.Min(scalarCount, (uint)scalarOutput.Length)];
        var returnedStruct = structOutput[..(int)Math.Min(structSize, (ulong)structOutput.Length)];
        if (entry.Result is { } result)
            JudgeFormulas(entry, call, stepIndex, result, returnedScalars, returnedStruct, sink);
        foreach (var example in entry.Examples)
            if (Matches(example, call))
                JudgeExample(entry, stepIndex, example, returnedScalars, returnedStruct, sink);
    }

    static void JudgeFormulas(SelectorSpec entry, CallStep call, int stepIndex, ResultSpec result,
        ReadOnlySpan<ulong> scalars, ReadOnlySpan<byte> bytes, List<Violation> sink)
    {
        var inputs = call.ScalarInput.AsSpan();
        var structInput = call.StructInput.AsSpan();
        if (result.ScalarEach is { } each)
        {
            for (var i = 0; i < scalars.Length; i++)
            {
                var expected = each.Evaluate(new ExprInputs(inputs, structInput, (ulong)i));
                if (scalars[i] != expected)
                {
                    sink.Add(Violation(entry, stepIndex, "output-value", $"scalar[{i}] = {each} = {expected}", $"{scalars[i]}"));
                    return;
                }
            }
        }
        if (result.ScalarList is { } list)
        {
            for (var i = 0; i < list.Length && i < scalars.Length; i++)
            {
                var expected = list[i].Evaluate(new ExprInputs(inputs, structInput, (ulong)i));
                if (scalars[i] != expected)
                {
                    sink.Add(Violation(entry, stepIndex, "output-value", $"scalar[{i}] = {list[i]} = {expected}", $"{scalars[i]}"));
                    return;
                }
            }
        }
        if (result.StructU64 is { } words)
        {
            for (var k = 0; k < words.Length; k++)
            {
                var expected = words[k].Evaluate(new ExprInputs(inputs, structInput, (ulong)k));
                var observed = (k + 1) * 8 <= bytes.Length ? BinaryPrimitives.ReadUInt64LittleEndian(bytes[(k * 8)..]) : (ulong?)null;
                if (observed != expected)
                {
                    sink.Add(Violation(entry, stepIndex, "output-value", $"structure u64[{k}] = {words[k]} = {expected}",
                        observed is { } value ? value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "missing (output too short)"));
                    return;
                }
            }
        }
    }

    static bool Matches(ExampleSpec example, CallStep call) =>
        call.ScalarInput.AsSpan().SequenceEqual(example.ScalarInput.AsSpan()) &&
        call.StructInput.AsSpan().SequenceEqual(example.StructInput.AsSpan());

    static void JudgeExample(SelectorSpec entry, int stepIndex, ExampleSpec example,
        ReadOnlySpan<ulong> scalars, ReadOnlySpan<byte> bytes, List<Violation> sink)
    {
        if (example.ScalarOutput is { } wantScalars && !scalars.SequenceEqual(wantScalars.AsSpan()))
            sink.Add(Violation(entry, stepIndex, "example", $"scalars [{string.Join(",", wantScalars)}] (example at spec line {example.Line})",
                $"[{string.Join(",", scalars.ToArray())}]"));
        else if (example.StructOutput is { } wantBytes && !bytes.SequenceEqual(wantBytes.AsSpan()))
            sink.Add(Violation(entry, stepIndex, "example", $"structure {Convert.ToHexString(wantBytes.AsSpan())} (example at spec line {example.Line})",
                Convert.ToHexString(bytes)));
    }

    static Violation Violation(SelectorSpec entry, int stepIndex, string kind, string expected, string observed) =>
        new(Rules.DispatchAccept, stepIndex, entry.Selector, kind, expected, observed);
}

using System.Globalization;

namespace ConformanceKit.Spec.Draft;

/// <summary>The shape of one probing call: the four counts and sizes IOConnectCallMethod passes, and whether it carries a completion.</summary>
public readonly record struct ProbeShape(uint ScalarInput, uint StructInput, uint ScalarOutput, uint StructOutput, bool Completion)
{
    public static readonly ProbeShape Empty = new(0, 0, 0, 0, false);

    public uint this[ProbeDimension dimension] => dimension switch
    {
        ProbeDimension.ScalarInput => ScalarInput,
        ProbeDimension.StructInput => StructInput,
        ProbeDimension.ScalarOutput => ScalarOutput,
        _ => StructOutput,
    };

    public ProbeShape With(ProbeDimension dimension, uint value) => dimension switch
    {
        ProbeDimension.ScalarInput => this with { ScalarInput = value },
        ProbeDimension.StructInput => this with { StructInput = value },
        ProbeDimension.ScalarOutput => this with { ScalarOutput = value },
        _ => this with { StructOutput = value },
    };

    /// <summary>As the draft's comments and spec init's findings show it: the spec's key names.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"scalarInput {ScalarInput}, structInput {StructInput}, scalarOutput {ScalarOutput}, structOutput {StructOutput}, {(Completion ? "with" : "without")} a completion");
}

/// <summary>The four dimensions of a call's shape, in the order a spec lists them.</summary>
public enum ProbeDimension
{
    ScalarInput,
    StructInput,
    ScalarOutput,
    StructOutput,
}

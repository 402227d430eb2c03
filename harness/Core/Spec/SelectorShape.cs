namespace ConformanceKit.Spec;

/// <summary>The four sizes a dispatch entry checks, in the order the default ExternalMethod checks them.</summary>
public sealed record SelectorShape(ShapeSize ScalarInput, ShapeSize StructInput, ShapeSize ScalarOutput, ShapeSize StructOutput)
{
    public override string ToString() =>
        $"scalarIn={ScalarInput} structIn={StructInput} scalarOut={ScalarOutput} structOut={StructOutput}";
}

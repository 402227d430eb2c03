using ConformanceKit.IOKit;

namespace ConformanceKit.Spec;

/// <summary>
/// A dispatch entry's count or size: a fixed value, or kIOUserClientVariableStructureSize
/// (0xffffffff), which tells the default ExternalMethod to skip that check.
/// </summary>
public readonly record struct ShapeSize(uint Value)
{
    public const uint VariableValue = IOKitLimits.VariableSize;
    public static readonly ShapeSize Variable = new(VariableValue);

    public bool IsVariable => Value == VariableValue;

    /// <summary>The value, or for a variable count or size the one a generator uses (<see cref="IOKitBoundaries.VariableNominal"/>).</summary>
    public uint Nominal => IsVariable ? IOKitBoundaries.VariableNominal : Value;

    public bool Accepts(ulong actual) => IsVariable || actual == Value;

    public override string ToString() => IsVariable ? "variable" : Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

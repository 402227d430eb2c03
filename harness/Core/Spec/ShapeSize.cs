namespace ConformanceKit.Spec;

/// <summary>
/// A dispatch entry's count or size: a fixed value, or kIOUserClientVariableStructureSize
/// (0xffffffff), which tells the default ExternalMethod to skip that check.
/// </summary>
public readonly record struct ShapeSize(uint Value)
{
    public const uint VariableValue = 0xFFFFFFFF;
    public static readonly ShapeSize Variable = new(VariableValue);

    public bool IsVariable => Value == VariableValue;

    public bool Accepts(ulong actual) => IsVariable || actual == Value;

    public override string ToString() => IsVariable ? "variable" : Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

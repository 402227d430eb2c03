using System.Collections.Immutable;

namespace ConformanceKit.Programs;

/// <summary>
/// A sequence of IOKit operations on a dext: the one model of a test case shared by the property
/// suite, the fuzzer, replay, minimization and reports. Its text form (<see cref="ProgramText"/>)
/// is the reproducer format.
/// </summary>
public sealed record Program(EquatableArray<Step> Steps)
{
    public static readonly Program Empty = new(EquatableArray<Step>.Empty);

    public Program(IEnumerable<Step> steps) : this(new EquatableArray<Step>([.. steps])) { }

    public int Count => Steps.Count;

    public IEnumerable<CallStep> Calls => Steps.OfType<CallStep>();

    public Program WithoutStep(int index) => new(Steps.Items.RemoveAt(index));

    public Program WithoutSteps(int index, int count) => new(Steps.Items.RemoveRange(index, count));

    public Program ReplaceStep(int index, Step step) => new(Steps.Items.SetItem(index, step));

    public Program Take(int count) => new(Steps.Items.Take(count));

    public override string ToString() => ProgramText.Format(this);
}

using System.Collections.Immutable;

namespace ConformanceKit.Spec;

/// <summary>
/// One entry of the dext's dispatch table as the spec declares it.
/// Checked means the dext promises kIOReturnBadArgument for every shape other than the declared one
/// (through IOUserClientMethodDispatch or its own validation); unchecked selectors are only held to
/// memory safety on malformed shapes and to dispatch.accept on the declared shape.
/// </summary>
public sealed record SelectorSpec(
    uint Selector,
    string Name,
    bool Checked,
    CompletionRule Completion,
    SelectorShape Shape,
    AsyncRole Role,
    bool Completes,
    ResultSpec? Result,
    ImmutableArray<ExampleSpec> Examples,
    int Line)
{
    /// <summary>The structure input's template (structInput: with fields:), when the spec gives one: only inputs that match it must be accepted.</summary>
    public StructTemplate? Template { get; init; }

    /// <summary>
    /// Errors a well-shaped call may get for reasons of state — the device did not answer, a read is
    /// already pending (spec key mayReturn:): dispatch.accept takes them as answers, with no outputs.
    /// </summary>
    public ImmutableArray<IOKit.IOReturn> MayReturn { get; init; } = [];

    /// <summary>
    /// No call shape fails this entry's checks: any completion, every count and size variable (MazeDriver's
    /// entry). dispatch.shape then has no malformed call to make, rather than one to search for forever.
    /// </summary>
    public bool AcceptsEveryShape =>
        Completion == CompletionRule.Any && Shape.ScalarInput.IsVariable && Shape.StructInput.IsVariable
        && Shape.ScalarOutput.IsVariable && Shape.StructOutput.IsVariable;

    public string Label => $"{Selector} {Name}";
}

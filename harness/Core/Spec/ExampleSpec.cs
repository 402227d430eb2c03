using System.Collections.Immutable;

namespace ConformanceKit.Spec;

/// <summary>A concrete input/output vector of a selector (checked by dispatch.accept).</summary>
public sealed record ExampleSpec(
    ImmutableArray<ulong> ScalarInput,
    ImmutableArray<byte> StructInput,
    ImmutableArray<ulong>? ScalarOutput,
    ImmutableArray<byte>? StructOutput,
    int Line);

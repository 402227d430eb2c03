using System.Collections.Immutable;

namespace ConformanceKit.Spec;

/// <summary>A <c>sources:</c> or <c>include:</c> list: its entries and the line of its key (for errors about the list as a whole).</summary>
public sealed record SpecPathList(ImmutableArray<SpecPathPattern> Entries, int Line);

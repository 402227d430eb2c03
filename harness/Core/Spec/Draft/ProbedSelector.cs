using System.Collections.Immutable;

namespace ConformanceKit.Spec.Draft;

/// <summary>
/// What probing a selector the dext answers in its own code found (<see cref="ShapeProber"/>): the counts
/// and sizes the draft declares with `checked: false` (null when no probed shape succeeded), per dimension
/// which probed values succeeded, the completion rule, and each distinct way the dext died while probed.
/// </summary>
/// <param name="Stopped">Probing gave up early: the dext crashed or hung too often on this selector.</param>
public sealed record ProbedSelector(
    uint Selector,
    ImmutableDictionary<ProbeDimension, ShapeSize>? Shape,
    ImmutableDictionary<ProbeDimension, ProbedValues> Values,
    CompletionRule Completion,
    ImmutableArray<ProbeCrash> Crashes,
    int Calls,
    bool Stopped)
{
    /// <summary>The errors the calls that did not succeed got, each once (what a draft without a shape lists as mayReturn:).</summary>
    public ImmutableArray<IOKit.IOReturn> Refusals { get; init; } = [];
}

/// <summary>The values one dimension was probed with (others held at the accepted shape), and which of them succeeded.</summary>
public sealed record ProbedValues(ImmutableArray<uint> Probed, ImmutableArray<uint> Succeeded)
{
    public bool AcceptsAll => Succeeded.Length == Probed.Length;

    /// <summary>The succeeded values as runs over the probed ones ("16..4096, 8191..65536"), at most <paramref name="runs"/> of them.</summary>
    public string Describe(int runs = 3)
    {
        var text = new List<string>();
        var succeeded = Succeeded.ToHashSet();
        var k = 0;
        while (k < Probed.Length)
        {
            if (!succeeded.Contains(Probed[k])) { k++; continue; }
            var start = k;
            while (k + 1 < Probed.Length && succeeded.Contains(Probed[k + 1])) k++;
            text.Add(start == k ? $"{Probed[start]}" : $"{Probed[start]}..{Probed[k]}");
            k++;
        }
        if (text.Count == 0) return "none";
        return text.Count <= runs ? string.Join(", ", text) : string.Join(", ", text.Take(runs)) + ", ...";
    }
}

/// <summary>A way the dext died while a selector was probed: the first shape that showed it, the finding's kind, how many shapes showed it.</summary>
public sealed record ProbeCrash(ProbeShape Shape, string Kind, int Shapes);

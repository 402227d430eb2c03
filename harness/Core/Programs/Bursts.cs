namespace ConformanceKit.Programs;

/// <summary>
/// A burst: one call repeated on one connection, as an app that loops does. Sequence bugs live there —
/// the third call of a kind that answers wrongly, the request that finds a per-connection queue or table
/// full and the error path behind its refusal (a leak when the 65th is refused). Shared by the property
/// suite's generators and sweeps, the fuzzer's decoder and its seeds.
/// </summary>
public static class Bursts
{
    /// <summary>
    /// How many times a burst repeats its call: three, then one past each power of two a queue or table is
    /// sized with (8 to 256), so that the first call beyond the limit and what follows it run.
    /// </summary>
    public static readonly IReadOnlyList<int> Sizes = [3, 9, 17, 33, 65, 129, 257];

    /// <summary>The largest burst: a program with bursts stays under <see cref="MaxSteps"/>.</summary>
    public static int Largest => Sizes[^1];

    /// <summary>At most this many steps in a program with bursts: a few of the largest on top of the usual steps.</summary>
    public const int MaxSteps = 1024;

    /// <summary>
    /// At most this many bytes of structure input in one burst. A burst repeats a call to reach a count (a
    /// queue's limit, the third call of a kind), not a volume; 257 copies of a 64 KiB input were 16 MiB to
    /// build, hash and send per execution, which held a campaign to a few hundred executions a second.
    /// </summary>
    public const int MaxBytes = 256 << 10;

    /// <summary>
    /// <paramref name="count"/>, or the largest of <see cref="Sizes"/> whose repetitions of this call's
    /// structure input stay within <see cref="MaxBytes"/> (at least the smallest, 3).
    /// </summary>
    public static int Bounded(CallStep call, int count)
    {
        if (count <= Sizes[0] || (long)call.StructInput.Count * count <= MaxBytes) return count;
        var fitting = Sizes.LastOrDefault(size => size <= count && (long)call.StructInput.Count * size <= MaxBytes);
        return Math.Max(Sizes[0], fitting);
    }

    /// <summary>
    /// The call repeated <paramref name="count"/> times (fewer for a large structure input, <see cref="Bounded"/>), each repetition with other inputs (the first scalar,
    /// and the first structure word, plus the repetition's index, so that a memo or cache meets new keys) and its
    /// own refcon, when the call has a completion.
    /// </summary>
    /// <param name="varyStructure">
    /// Move the first structure word too; false for a selector whose structure input is a message of a
    /// template (a header the word would break: the burst would no longer be well-formed).
    /// </param>
    public static IEnumerable<CallStep> Of(CallStep call, int count, bool varyStructure = true)
    {
        count = Bounded(call, count);
        for (var k = 0; k < count; k++) yield return Repetition(call, k, varyStructure);
    }

    /// <summary>The burst of a call to <paramref name="entry"/> (or to no declared selector), its template kept whole.</summary>
    public static IEnumerable<CallStep> Of(CallStep call, int count, Spec.SelectorSpec? entry) => Of(call, count, entry?.Template is null);

    static CallStep Repetition(CallStep call, int k, bool varyStructure)
    {
        if (k == 0) return call;
        var scalars = call.ScalarInput.ToArray();
        if (scalars.Length > 0) scalars[0] += (ulong)k;
        var structure = call.StructInput; // shared, not copied, when it does not change
        if (varyStructure && structure.Count > 0)
        {
            var bytes = structure.ToArray();
            if (bytes.Length >= 8) BitConverter.TryWriteBytes(bytes.AsSpan(0, 8), BitConverter.ToUInt64(bytes, 0) + (ulong)k);
            else bytes[0] = unchecked((byte)(bytes[0] + k));
            structure = bytes;
        }
        return call with
        {
            ScalarInput = scalars,
            StructInput = structure,
            Async = call.Async is { } reference ? new AsyncReference(reference.Refcon + (ulong)k) : null,
        };
    }
}

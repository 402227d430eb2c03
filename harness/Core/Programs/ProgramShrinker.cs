namespace ConformanceKit.Programs;

/// <summary>
/// Program-level shrinking, shared by the property suite (as FsCheck's shrinker), fuzz triage and
/// `conformancekit minimize`: drop steps, then make calls plainer (fewer scalars, shorter inputs,
/// zero data, smaller capacities, shorter waits). Candidates are always valid programs and always
/// strictly smaller, so shrinking terminates. Shrinking works on calls and sizes, never on raw bytes.
/// </summary>
public static class ProgramShrinker
{
    /// <summary>Smaller variants of a program, most aggressive first.</summary>
    public static IEnumerable<Program> Candidates(Program program)
    {
        // Runs of steps first, halves down to pairs (as delta debugging does): a burst of 257 calls of which a
        // crash needs one goes in a handful of tries, not one per step — each try of a crashing program costs a
        // host restart.
        for (var chunk = program.Steps.Count / 2; chunk >= 2; chunk /= 2)
        {
            for (var start = program.Steps.Count - chunk; start >= 1; start -= chunk)
            {
                var without = program.WithoutSteps(start, chunk);
                if (ProgramValidity.IsValid(without)) yield return without;
            }
        }
        for (var index = program.Steps.Count - 1; index >= 0; index--)
        {
            var without = program.WithoutStep(index);
            if (ProgramValidity.IsValid(without)) yield return without;
        }
        for (var index = 0; index < program.Steps.Count; index++)
        {
            foreach (var simpler in SimplerSteps(program.Steps[index]))
                yield return program.ReplaceStep(index, simpler);
        }
    }

    static IEnumerable<Step> SimplerSteps(Step step)
    {
        switch (step)
        {
            case CallStep call:
                foreach (var simpler in SimplerCalls(call)) yield return simpler;
                break;
            case WaitStep wait when wait.Nanoseconds > 0:
                foreach (var shorter in ShorterWaits(wait.Nanoseconds)) yield return new WaitStep(shorter);
                break;
            case OpenStep open when open.Type != 0:
                yield return open with { Type = 0 };
                break;
            case PokeStep poke:
                foreach (var simpler in SimplerPokes(poke)) yield return simpler;
                break;
            case PeekStep peek:
                foreach (var size in SmallerSizes(peek.Length)) yield return peek with { Length = size };
                if (peek.Offset != 0) yield return peek with { Offset = 0 };
                break;
            case MapStep map when map.Type != 0:
                yield return map with { Type = 0 };
                break;
            case DeviceDataStep data:
                foreach (var size in SmallerSizes((ulong)data.Bytes.Count)) yield return data with { Bytes = data.Bytes.Items.Take((int)size).ToArray() };
                if (data.Bytes.Items.Any(b => b != 0)) yield return data with { Bytes = new byte[data.Bytes.Count] };
                break;
        }
    }

    /// <summary>Fewer bytes, zero bytes, offset 0: down to the one value the dext trips on.</summary>
    static IEnumerable<PokeStep> SimplerPokes(PokeStep poke)
    {
        var bytes = poke.Bytes.Items;
        foreach (var size in SmallerSizes((ulong)bytes.Length))
            yield return poke with { Bytes = bytes.Take((int)size).ToArray() };
        if (bytes.Any(b => b != 0)) yield return poke with { Bytes = new byte[bytes.Length] };
        if (poke.Offset != 0) yield return poke with { Offset = 0 };
    }

    static IEnumerable<CallStep> SimplerCalls(CallStep call)
    {
        var scalars = call.ScalarInput.Items;
        if (scalars.Length > 0)
        {
            yield return call with { ScalarInput = scalars.RemoveAt(scalars.Length - 1) };
            if (scalars.Any(v => v != 0)) yield return call with { ScalarInput = scalars.Select(_ => 0UL).ToArray() };
        }
        var bytes = call.StructInput.Items;
        foreach (var size in SmallerSizes((ulong)bytes.Length))
            yield return call with { StructInput = bytes.Take((int)size).ToArray() };
        if (bytes.Any(b => b != 0)) yield return call with { StructInput = new byte[bytes.Length] };
        foreach (var size in SmallerSizes(call.ScalarOutputCapacity))
            yield return call with { ScalarOutputCapacity = (uint)size };
        foreach (var size in SmallerSizes(call.StructOutputCapacity))
            yield return call with { StructOutputCapacity = size };
        if (call.Async is { Refcon: > 1 }) yield return call with { Async = new AsyncReference(1) };
    }

    /// <summary>0, half, and one less: enough to walk any size down to the boundary that matters.</summary>
    static IEnumerable<ulong> SmallerSizes(ulong size)
    {
        if (size == 0) yield break;
        yield return 0;
        if (size / 2 > 0) yield return size / 2;
        if (size - 1 > size / 2) yield return size - 1;
    }

    /// <summary>Shorter waits in round steps, so minimal programs read "wait 7001ms", not "wait 7000000001ns".</summary>
    static IEnumerable<ulong> ShorterWaits(ulong ns)
    {
        const ulong second = 1_000_000_000, millisecond = 1_000_000;
        ulong[] candidates = [0, ns / 2 / millisecond * millisecond, ns - ns % second, ns - Math.Min(ns, second), ns - Math.Min(ns, 100 * millisecond), ns - Math.Min(ns, millisecond)];
        foreach (var candidate in candidates.Distinct())
            if (candidate < ns) yield return candidate;
    }

    /// <summary>
    /// Greedy minimisation: walk the candidates in order, taking each one that still fails and going
    /// on from there — the next candidate in the same position of the smaller program (after dropping
    /// step 7, dropping step 6), not the first again — and repeat the walk while a pass made the
    /// program smaller. Every candidate is run at most once (remembered by its text: the same program
    /// is reached by several paths), and the predicate runs at most <paramref name="budget"/> times.
    /// Returns the smallest failing program found and how many runs it took.
    /// </summary>
    public static ShrinkResult Minimize(Program program, Func<Program, bool> stillFails, int budget = 2000)
    {
        var current = program;
        var tried = new HashSet<string>(StringComparer.Ordinal) { ProgramText.Format(program) };
        var attempts = 0;
        var improved = true;
        while (improved && attempts < budget)
        {
            improved = false;
            var position = 0;
            var smaller = true;
            while (smaller && attempts < budget)
            {
                smaller = false;
                var index = 0;
                foreach (var candidate in Candidates(current).Skip(position))
                {
                    if (attempts >= budget) break;
                    if (tried.Add(ProgramText.Format(candidate)))
                    {
                        attempts++;
                        if (stillFails(candidate))
                        {
                            current = candidate;
                            position += index;
                            smaller = improved = true;
                            break;
                        }
                    }
                    index++;
                }
            }
        }
        return new ShrinkResult(current, attempts);
    }
}

/// <summary>What <see cref="ProgramShrinker.Minimize"/> found, and how many runs of the predicate it took.</summary>
public sealed record ShrinkResult(Program Program, int Attempts);

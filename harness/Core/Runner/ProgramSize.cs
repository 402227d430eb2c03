using ConformanceKit.Programs;

namespace ConformanceKit.Runner;

/// <summary>
/// How big a program is, for choosing the smaller reproducer: steps first, then what they carry
/// (sizes, non-zero data, wait times, non-default options). Every shrink step makes it strictly smaller.
/// </summary>
public static class ProgramSize
{
    public static long Of(Program program)
    {
        long weight = 0;
        foreach (var step in program.Steps)
        {
            weight += step switch
            {
                CallStep call => Of(call),
                WaitStep wait => wait.Nanoseconds == 0 ? 0 : 1 + (long)(wait.Nanoseconds / 1_000_000),
                OpenStep open => open.Type != 0 ? 1 : 0,
                MapStep map => map.Type != 0 ? 1 : 0,
                PokeStep poke => poke.Bytes.Count + (poke.Bytes.Any(b => b != 0) ? 1 : 0) + (poke.Offset != 0 ? 1 : 0),
                PeekStep peek => (long)Math.Min(peek.Length, int.MaxValue) + (peek.Offset != 0 ? 1 : 0),
                DeviceDataStep data => data.Bytes.Count + (data.Bytes.Any(b => b != 0) ? 1 : 0),
                InterruptStep interrupt => interrupt.Index,
                _ => 0,
            };
        }
        return program.Steps.Count * 100_000_000_000L + weight;
    }

    static long Of(CallStep call)
    {
        long weight = call.ScalarInput.Count * 8 + call.StructInput.Count + call.ScalarOutputCapacity + (long)Math.Min(call.StructOutputCapacity, int.MaxValue);
        foreach (var value in call.ScalarInput) if (value != 0) weight++;
        if (call.StructInput.Any(b => b != 0)) weight++;
        if (call.Async is { Refcon: > 1 }) weight++;
        return weight;
    }
}

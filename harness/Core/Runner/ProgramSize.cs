using ConformanceKit.Programs;

namespace ConformanceKit.Runner;

/// <summary>How big a program is, for choosing the smaller reproducer: steps first, then the data they carry.</summary>
public static class ProgramSize
{
    public static long Of(Program program)
    {
        long data = 0;
        foreach (var step in program.Steps)
            if (step is CallStep call)
                data += call.ScalarInput.Count * 8 + call.StructInput.Count + call.ScalarOutputCapacity + (long)Math.Min(call.StructOutputCapacity, int.MaxValue);
        return program.Steps.Count * 10_000_000_000L + data;
    }
}

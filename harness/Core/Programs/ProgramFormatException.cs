namespace ConformanceKit.Programs;

/// <summary>Program text that cannot be read, with its line ("line 3: c1 is not open").</summary>
public sealed class ProgramFormatException(int line, string problem)
    : FormatException(line > 0 ? $"line {line}: {problem}" : problem)
{
    public int Line { get; } = line;
    public string Problem { get; } = problem;
}

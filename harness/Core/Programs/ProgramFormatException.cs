namespace ConformanceKit.Programs;

/// <summary>
/// Program text that cannot be read, with its line ("line 3: c1 is not open") — or, read from a file,
/// its file and line ("repro.txt:3: c1 is not open"). The message is always one line.
/// </summary>
public sealed class ProgramFormatException : FormatException
{
    public ProgramFormatException(int line, string problem)
        : base(line > 0 ? $"line {line}: {Spec.SpecException.OneLine(problem)}" : Spec.SpecException.OneLine(problem))
    {
        Line = line;
        Problem = problem;
    }

    public ProgramFormatException(string file, int line, string problem)
        : base(line > 0 ? $"{file}:{line}: {Spec.SpecException.OneLine(problem)}" : $"{file}: {Spec.SpecException.OneLine(problem)}")
    {
        File = file;
        Line = line;
        Problem = problem;
    }

    /// <summary>The file the text came from, when it is known.</summary>
    public string? File { get; }

    public int Line { get; }
    public string Problem { get; }
}

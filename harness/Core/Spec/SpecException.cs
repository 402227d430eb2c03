namespace ConformanceKit.Spec;

/// <summary>A spec that cannot be used, with the place of the problem ("spec.yaml:12: ...").</summary>
public sealed class SpecException(string path, int line, string problem)
    : Exception(line > 0 ? $"{path}:{line}: {problem}" : $"{path}: {problem}")
{
    public string Path { get; } = path;
    public int Line { get; } = line;
    public string Problem { get; } = problem;
}

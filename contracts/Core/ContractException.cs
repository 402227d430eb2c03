namespace ConformanceKit.Contracts;

/// <summary>
/// A file that cannot be read as its contract: missing a field the format has always had, not JSON,
/// or unreadable. The message names the file and says what is wrong, on one line, for the user.
/// </summary>
public sealed class ContractException(string path, string problem) : Exception($"{path}: {problem}")
{
    public string Path { get; } = path;

    public string Problem { get; } = problem;
}

namespace ConformanceKit.Fuzz.Afl;

/// <summary>Finds AFL++'s programs; a missing one is a setup error with a one-line fix.</summary>
public static class AflTools
{
    public static string FuzzerPath => Find("afl-fuzz");

    public static string Find(string name) =>
        FindOptional(name) ?? throw new FuzzSetupException($"{name} not found on PATH: install Debian's afl++ package (./run.sh fuzz does)");

    /// <summary>A program on PATH, or null.</summary>
    public static string? FindOptional(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}

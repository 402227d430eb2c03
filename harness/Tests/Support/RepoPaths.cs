namespace ConformanceKit.Tests.Support;

/// <summary>Where the repository's files are, found from the test assembly's location.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string NullDriverSpec => Path.Combine(Root, "dext", "NullDriver", "spec.yaml");

    public static string HardenedSpec => Path.Combine(Root, "dext", "NullDriverHardened", "spec.yaml");

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ConformanceKit.sln")) || Directory.Exists(Path.Combine(dir.FullName, "dext", "include")))
                return dir.FullName;
        throw new InvalidOperationException("cannot find the repository root above " + AppContext.BaseDirectory);
    }
}

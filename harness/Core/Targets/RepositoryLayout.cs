namespace ConformanceKit.Targets;

/// <summary>
/// Where ConformanceKit's own files are: the directory holding dext/build-dext.sh. Taken from
/// CONFORMANCEKIT_HOME when set (run.sh sets it), else found above the running assembly.
/// </summary>
public static class RepositoryLayout
{
    public const string HomeVariable = "CONFORMANCEKIT_HOME";

    public static string Root { get; } = Find();

    public static string BuildScript => Path.Combine(Root, "dext", "build-dext.sh");

    public static string BuildOutput => Path.Combine(Root, "build", "dexts");

    static string Find()
    {
        if (Environment.GetEnvironmentVariable(HomeVariable) is { Length: > 0 } home) return Path.GetFullPath(home);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "dext", "include", "dksim.h"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}

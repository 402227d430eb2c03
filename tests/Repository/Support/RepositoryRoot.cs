namespace ConformanceKit.Repository.Tests.Support;

/// <summary>
/// The repository's root folder: the nearest folder at or above the test assembly's folder that
/// holds <c>ConformanceKit.sln</c> (the assembly runs from <c>tests/Repository/bin/...</c>).
/// </summary>
public static class RepositoryRoot
{
    public const string Marker = "ConformanceKit.sln";

    static readonly Lazy<string> Root = new(() => Find(AppContext.BaseDirectory));

    /// <summary>The absolute path of the repository's root folder.</summary>
    public static string Path => Root.Value;

    /// <summary>The nearest folder at or above <paramref name="start"/> holding <see cref="Marker"/>.</summary>
    public static string Find(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, Marker)))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"no {Marker} in {start} or in any folder above it");
    }
}

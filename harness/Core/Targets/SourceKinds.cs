namespace ConformanceKit.Targets;

/// <summary>
/// What the build does with a file, by its extension: an .iig goes through dkiig, a compiled source
/// is compiled, anything else of <see cref="DextSources.Extensions"/> (headers, .inc, .def, and .iig
/// too) can only be included. The last is what the build key hashes under an include folder: a
/// folder shared with an app may hold the app's own .cpp files, which the dext never reads.
/// </summary>
public static class SourceKinds
{
    /// <summary>C++ sources (.cpp and its spellings) and C sources (.c), compiled into the dext.</summary>
    public static readonly IReadOnlyList<string> Compiled = [".c", ".cc", ".cp", ".cpp", ".cxx", ".c++"];

    public static bool IsIig(string path) => Path.GetExtension(path) == ".iig";

    public static bool IsCompiled(string path) => Compiled.Contains(Path.GetExtension(path));

    public static bool IsSource(string path) => DextSources.Extensions.Contains(Path.GetExtension(path));

    /// <summary>What an #include can read: every source extension but the compiled ones.</summary>
    public static bool IsIncludable(string path) => IsSource(path) && !IsCompiled(path);
}

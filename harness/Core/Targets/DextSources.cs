using System.Security.Cryptography;
using System.Text;

namespace ConformanceKit.Targets;

/// <summary>
/// What a dext is made of — the files of its folder that the build reads, at any depth, hidden
/// files and folders left out — and the identity of that content, "sha256:" and 16 hex digits over
/// each file's relative path and bytes in path order. A reproducer names the dext it was made on by
/// its name and this identity, so replay can tell the dext it is given from another one of the same
/// name. dext/build-dext.sh lists the same extensions for its build key (a test keeps the two lists
/// equal).
/// </summary>
public static class DextSources
{
    /// <summary>The extensions of sources and headers the build compiles or includes.</summary>
    public static readonly IReadOnlyList<string> Extensions =
        [".iig", ".c", ".cc", ".cp", ".cpp", ".cxx", ".c++", ".h", ".hh", ".hpp", ".hxx", ".h++", ".inc", ".inl", ".ipp", ".tcc", ".tpp", ".def"];

    /// <summary>Files the build reads by name.</summary>
    public static readonly IReadOnlyList<string> Names = ["Info.plist"];

    /// <summary>Extensions of the other files the build reads.</summary>
    public static readonly IReadOnlyList<string> OtherExtensions = [".entitlements"];

    public static IEnumerable<string> Files(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(directory, f).Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')))
            .Where(f => Names.Contains(Path.GetFileName(f)) || Extensions.Contains(Path.GetExtension(f)) || OtherExtensions.Contains(Path.GetExtension(f)))
            .Order(StringComparer.Ordinal);

    public static string Identity(string directory)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Files(directory))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(directory, file).Replace('\\', '/') + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
            hash.AppendData("\n"u8);
        }
        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}

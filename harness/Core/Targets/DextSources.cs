using System.Security.Cryptography;
using System.Text;

namespace ConformanceKit.Targets;

/// <summary>
/// What a dext is made of — the files the build reads — and the identity of that content, "sha256:"
/// and 16 hex digits over each file's path relative to the dext folder and bytes in path order. A
/// reproducer names the dext it was made on by its name and this identity, so replay can tell the dext
/// it is given from another one of the same name. Which files those are is the plan's decision
/// (<see cref="DextLayout.Inputs"/>): for a folder built as it is, every file of these extensions at
/// any depth, hidden files and folders left out (<see cref="Files(string)"/>); with the spec's sources:
/// and include:, the listed files and the headers of the include folders, outside the folder too.
/// dext/build-dext.sh hashes the same list, which the plan hands it (a test keeps the two equal).
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

    /// <summary>The identity of a folder's files as they are (no spec: what <see cref="Files(string)"/> lists).</summary>
    public static string Identity(string directory) => Identity(directory, Files(directory), File.ReadAllBytes);

    /// <summary>
    /// The identity of what a plan builds: its inputs, with Info.plist and the entitlements as embedded
    /// (so a changed build setting is another dext; a file that uses none hashes as it is, and a dext
    /// folder keeps the identity it had before plans existed).
    /// </summary>
    public static string Identity(DextPlan plan) => Identity(plan.Layout.Directory, plan.Layout.Inputs, plan.Content);

    static string Identity(string directory, IEnumerable<string> files, Func<string, byte[]> content)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(directory, file).Replace('\\', '/') + "\n"));
            hash.AppendData(content(file));
            hash.AppendData("\n"u8);
        }
        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}

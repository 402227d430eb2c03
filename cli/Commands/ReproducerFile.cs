using ConformanceKit.Contracts.Findings;
using ConformanceKit.Programs;

namespace ConformanceKit.Cli.Commands;

/// <summary>
/// A reproducer on disk: a program text file, or a finding folder holding reproducer.txt. Its
/// `# dext: NAME sha256:…` header names the dext it was made on (<see cref="DextName"/>) and the
/// identity of that dext's sources (<see cref="DextSources"/>, <c>Targets.DextSources</c>): it
/// identifies a dext, it never chooses which folder to build.
/// </summary>
public sealed record ReproducerFile(string Path, Program Program, string? DextName, string? DextSources, string? Signature)
{
    public const string FileName = FindingFolderFiles.Reproducer;
    const string DextHeader = "# dext: ", SignatureHeader = "# signature: ";

    /// <summary>The finding folder this reproducer is the reproducer.txt of, or null for a loose file.</summary>
    public string? FindingFolder =>
        System.IO.Path.GetFileName(Path) == FileName && File.Exists(FindingFile.PathIn(System.IO.Path.GetDirectoryName(Path)!))
            ? System.IO.Path.GetDirectoryName(Path)
            : null;

    /// <exception cref="ProgramFormatException">the file is not a program (too large, not UTF-8, a bad step), naming its line.</exception>
    public static ReproducerFile Read(string path)
    {
        var file = Directory.Exists(path) ? System.IO.Path.Combine(path, FileName) : path;
        var program = ProgramText.ParseFile(file);
        // ParseFile accepted the file, so it is UTF-8 text of a bounded size.
        var lines = File.ReadLines(file).TakeWhile(l => l.Length == 0 || l.StartsWith('#')).ToArray();
        var (name, sources) = ParseDext(Header(lines, DextHeader));
        return new ReproducerFile(file, program, name, sources, Header(lines, SignatureHeader));
    }

    /// <summary>`NAME` or `NAME sha256:HEX` (reproducers written before the identity existed carry the name only).</summary>
    internal static (string? Name, string? Sources) ParseDext(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return (null, null);
        var words = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var sources = words.Length > 1 && words[^1].StartsWith("sha256:", StringComparison.Ordinal) ? words[^1] : null;
        var name = string.Join(' ', sources is null ? words : words[..^1]);
        return (name, sources);
    }

    static string? Header(IEnumerable<string> lines, string prefix) =>
        lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..].Trim();
}

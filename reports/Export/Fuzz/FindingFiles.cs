using ConformanceKit.Contracts.Findings;

namespace ConformanceKit.Reports.Export.Fuzz;

/// <summary>
/// The files of a finding folder in the order a reviewer reads them, with what each one is. Files
/// the contract does not name are attached too, after these, so nothing the fuzzer saved is hidden.
/// </summary>
public static class FindingFiles
{
    public const string Finding = FindingFile.FileName;
    public const string Reproducer = FindingFolderFiles.Reproducer;
    public const string Verdict = FindingFolderFiles.Verdict;
    public const string Sanitizer = FindingFolderFiles.Sanitizer;
    public const string Program = FindingFolderFiles.Program;
    public const string DextLog = FindingFolderFiles.DextLog;
    public const string Input = FindingFolderFiles.Input;

    public static readonly IReadOnlyList<(string File, string What)> Known =
    [
        (Reproducer, "minimal reproducer"),
        (Verdict, "expected vs observed"),
        (Sanitizer, "sanitizer report"),
        (Program, "decoded program before minimization"),
        (DextLog, "the dext's log"),
        (Input, "raw fuzzer input"),
        (Finding, "finding record"),
    ];

    /// <summary>Every file of the folder: the known ones in reading order, then the rest by name.</summary>
    public static IReadOnlyList<(string Path, string Name)> In(string folder)
    {
        var present = Directory.EnumerateFiles(folder).ToDictionary(p => Path.GetFileName(p), p => p, StringComparer.Ordinal);
        var ordered = new List<(string, string)>();
        foreach (var (file, what) in Known)
            if (present.Remove(file, out var path)) ordered.Add((path, $"{file} — {what}"));
        foreach (var (file, path) in present.OrderBy(p => p.Key, StringComparer.Ordinal))
            if (!file.StartsWith('.')) ordered.Add((path, file));
        return ordered;
    }
}

using ConformanceKit.Contracts;
using ConformanceKit.Contracts.Findings;
using ConformanceKit.Oracle;
using ConformanceKit.Programs;
using ConformanceKit.Runner;
using ConformanceKit.Spec;
using ConformanceKit.Targets;
using ConformanceKit.Transports;

namespace ConformanceKit.Fuzz.Triage;

/// <summary>
/// One distinct finding on disk, OUT/findings/&lt;slug&gt;/: finding.json (<see cref="FindingFile"/>,
/// the record reports and CI read), reproducer.txt (the minimal program: what `conformancekit replay`
/// takes), program.txt (the program decoded from the raw input, before minimization), input.bin (the
/// raw fuzzer input), verdict.txt, dext.log and, when the dext died, sanitizer.txt. Each file is
/// written atomically (<see cref="AtomicFile"/>), so a killed campaign never leaves half a finding.
/// </summary>
public static class FindingFolder
{
    /// <summary>Where triage replays every input, and so where a finding's replay command points: the ASan build in dexthost.</summary>
    public const string TriageVariant = "asan";
    public static readonly string TriageTransport = TransportKind.Socket.Name();

    public static string Slug(Finding finding) => finding.Slug;

    public static string Write(string findingsDirectory, Finding minimal, Program decoded, CrashInput input, byte[] bytes,
        DispatchSpec spec, DextTarget dext)
    {
        var folder = FreeFolder(findingsDirectory, Slug(minimal));
        Directory.CreateDirectory(folder);
        var known = spec.KnownEntry(minimal.Rule, minimal.Selector, minimal.Kind);
        var record = new FindingFile(minimal.Rule, minimal.Selector, minimal.Kind, minimal.Signature, known is not null,
            known?.Why, minimal.Violation.Expected, minimal.Violation.Observed, minimal.Violation.Step, DateTimeOffset.UtcNow,
            spec.Dext, ReplayCommandLine.For(folder, dext.Directory, spec.SourcePath, TriageTransport, TriageVariant), 1, Path.GetFileName(input.Saved));
        AtomicFile.Write(Path.Combine(folder, FindingFolderFiles.Reproducer), minimal.Reproducer(spec.SelectorName, dext.Sources));
        AtomicFile.Write(Path.Combine(folder, FindingFolderFiles.Program), ProgramText.Format(decoded, spec.SelectorName));
        AtomicFile.Write(Path.Combine(folder, FindingFolderFiles.Input), bytes);
        AtomicFile.Write(Path.Combine(folder, FindingFolderFiles.Verdict),
            $"rule:      {minimal.Rule} — {Rules.Describe(minimal.Rule)}\nselector:  {minimal.Selector?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}\n" +
            $"signature: {minimal.Signature}\nstep:      {minimal.Violation.Step}\nexpected:  {minimal.Violation.Expected}\nobserved:  {minimal.Violation.Observed}\n" +
            (known is not null ? $"known:     yes — {known.Why}\n" : "known:     no\n") +
            string.Concat((minimal.Consequences ?? []).Select(c => $"then:      {c}\n")));
        AtomicFile.Write(Path.Combine(folder, FindingFolderFiles.DextLog), minimal.DextLog);
        if (minimal.SanitizerReport is { Length: > 0 } report) AtomicFile.Write(Path.Combine(folder, FindingFolderFiles.Sanitizer), report);
        record.WriteTo(folder);
        return folder;
    }

    /// <summary>
    /// The folder for a new finding: its slug, unless a folder of that slug holds a finding.json that
    /// cannot be read (edited by hand, or a disk problem) — that one is left as it is, never overwritten,
    /// and the finding goes to slug-2 (-3, ...). A folder without finding.json is one whose writing was
    /// cut short (finding.json comes last): the same finding completes it.
    /// </summary>
    static string FreeFolder(string findingsDirectory, string slug)
    {
        var folder = Path.Combine(findingsDirectory, slug);
        for (var n = 2; File.Exists(FindingFile.PathIn(folder)) && FindingFile.TryReadFrom(folder) is null; n++)
            folder = Path.Combine(findingsDirectory, $"{slug}-{n.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        return folder;
    }

    /// <summary>Counts one more input that showed this finding (nothing when its finding.json cannot be read: it stays as it is).</summary>
    public static void AddHit(string folder)
    {
        if (FindingFile.TryReadFrom(folder) is not { } record) return;
        (record with { Hits = record.Hits + 1 }).WriteTo(folder);
    }
}

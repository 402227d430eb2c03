using System.Text.Json;
using System.Text.Json.Serialization;
using ConformanceKit.Oracle;
using ConformanceKit.Programs;
using ConformanceKit.Runner;
using ConformanceKit.Spec;
using ConformanceKit.Targets;

namespace ConformanceKit.Fuzz.Triage;

/// <summary>
/// One distinct finding on disk, OUT/findings/&lt;slug&gt;/: finding.json (the record reports and CI
/// read), reproducer.txt (the minimal program: what `conformancekit replay` takes), program.txt (the
/// program decoded from the raw input, before minimization), input.bin (the raw fuzzer input),
/// verdict.txt, dext.log and, when the dext died, sanitizer.txt. Each file is written to a temporary
/// name and renamed, so a killed campaign never leaves half a finding.
/// </summary>
public static class FindingFolder
{
    public sealed record Record(
        string Rule,
        uint? Selector,
        string Kind,
        string Signature,
        bool Known,
        string? Why,
        string Expected,
        string Observed,
        int Step,
        DateTimeOffset FirstSeen,
        string Dext,
        string Replay,
        int Hits,
        string FirstInput);

    static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Where triage replays every input, and so where a finding's replay command points: the ASan build in dexthost.</summary>
    public const string TriageTransport = "socket", TriageVariant = "asan";

    public static string Slug(Finding finding) =>
        $"{finding.Rule}-{(finding.Selector is { } s ? "sel" + s.ToString(System.Globalization.CultureInfo.InvariantCulture) : "any")}-{finding.SignatureHash}";

    public static string Write(string findingsDirectory, Finding minimal, Program decoded, CrashInput input, byte[] bytes,
        DispatchSpec spec, DextTarget dext)
    {
        var folder = Path.Combine(findingsDirectory, Slug(minimal));
        Directory.CreateDirectory(folder);
        var known = spec.KnownEntry(minimal.Rule, minimal.Selector, minimal.Kind);
        var record = new Record(minimal.Rule, minimal.Selector, minimal.Kind, minimal.Signature, known is not null, known?.Why,
            minimal.Violation.Expected, minimal.Violation.Observed, minimal.Violation.Step, DateTimeOffset.UtcNow,
            spec.Dext, ReplayCommandLine.For(folder, dext.Directory, spec.SourcePath, TriageTransport, TriageVariant), 1, Path.GetFileName(input.Saved));
        WriteAtomically(Path.Combine(folder, "reproducer.txt"), minimal.Reproducer(spec.SelectorName, dext.Sources));
        WriteAtomically(Path.Combine(folder, "program.txt"), ProgramText.Format(decoded, spec.SelectorName));
        WriteAtomically(Path.Combine(folder, "input.bin"), bytes);
        WriteAtomically(Path.Combine(folder, "verdict.txt"),
            $"rule:      {minimal.Rule} — {Rules.Describe(minimal.Rule)}\nselector:  {minimal.Selector?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}\n" +
            $"signature: {minimal.Signature}\nstep:      {minimal.Violation.Step}\nexpected:  {minimal.Violation.Expected}\nobserved:  {minimal.Violation.Observed}\n" +
            (known is not null ? $"known:     yes — {known.Why}\n" : "known:     no\n") +
            string.Concat((minimal.Consequences ?? []).Select(c => $"then:      {c}\n")));
        WriteAtomically(Path.Combine(folder, "dext.log"), minimal.DextLog);
        if (minimal.SanitizerReport is { Length: > 0 } report) WriteAtomically(Path.Combine(folder, "sanitizer.txt"), report);
        WriteAtomically(Path.Combine(folder, "finding.json"), JsonSerializer.Serialize(record, JsonOptions));
        return folder;
    }

    /// <summary>Counts one more input that showed this finding.</summary>
    public static void AddHit(string folder)
    {
        var path = Path.Combine(folder, "finding.json");
        if (Read(path) is not { } record) return;
        WriteAtomically(path, JsonSerializer.Serialize(record with { Hits = record.Hits + 1 }, JsonOptions));
    }

    public static Record? Read(string path)
    {
        try
        {
            var record = JsonSerializer.Deserialize<Record>(File.ReadAllText(path), JsonOptions);
            // Campaigns written before finding.json carried the kind: it is the signature's last part (rule|selector|kind).
            return record is { Kind: null } ? record with { Kind = record.Signature.Split('|', 3).Last() } : record;
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }

    static void WriteAtomically(string path, string text) => WriteAtomically(path, System.Text.Encoding.UTF8.GetBytes(text));

    static void WriteAtomically(string path, byte[] bytes)
    {
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }
}

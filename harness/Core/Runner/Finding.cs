using System.Security.Cryptography;
using System.Text;
using ConformanceKit.Oracle;
using ConformanceKit.Programs;

namespace ConformanceKit.Runner;

/// <summary>
/// A broken rule with everything needed to understand and replay it: the program, the step, what was
/// expected and observed, the dext's log and the sanitizer report. Findings with the same
/// <see cref="Signature"/> are the same bug.
/// </summary>
/// <param name="Consequences">
/// Later violations of the same program, reported with this finding rather than as findings of their
/// own: once a rule broke, what follows in that program is its consequence, not a new bug.
/// </param>
/// <param name="Hid">What the program's HID devices posted (<see cref="RunResult.HidLog"/>), shown in the reproducer as "# hid:" lines.</param>
/// <param name="Peeks">What the program's peek steps read (<see cref="RunResult.PeekLog"/>), shown in the reproducer as "# peek:" lines.</param>
public sealed record Finding(
    string Dext,
    Violation Violation,
    Program Program,
    string DextLog,
    string? SanitizerReport,
    IReadOnlyList<Violation>? Consequences = null,
    IReadOnlyList<string>? Hid = null,
    IReadOnlyList<string>? Peeks = null)
{
    /// <summary>HID lines shown in a reproducer; the rest are counted in one more line.</summary>
    public const int MaxHidLines = 16;

    public string Rule => Violation.Rule;
    public uint? Selector => Violation.Selector;
    public string Kind => Violation.Kind;

    /// <summary>Whether the spec lists this finding — its rule, selector and kind — under known:.</summary>
    public bool IsKnownIn(Spec.DispatchSpec spec) => spec.IsKnown(Rule, Selector, Kind);

    /// <summary>rule|selector|kind — stable across runs and machines.</summary>
    public string Signature => $"{Violation.Rule}|{(Violation.Selector is { } s ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-")}|{Violation.Kind}";

    /// <summary>A short hash of the signature, for folder names.</summary>
    public string SignatureHash => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Signature)))[..12].ToLowerInvariant();

    /// <summary>rule-selN-hash (rule-any-hash without a selector): the name of the finding's folder in a campaign, and of its first input when it is known.</summary>
    public string Slug =>
        $"{Violation.Rule}-{(Violation.Selector is { } s ? "sel" + s.ToString(System.Globalization.CultureInfo.InvariantCulture) : "any")}-{SignatureHash}";

    public string Title(Func<uint, string?>? selectorName = null)
    {
        var where = Violation.Selector is { } s ? $" on selector {s}{(selectorName?.Invoke(s) is { } n ? $" ({n})" : "")}" : "";
        return $"{Violation.Rule}{where}: {Violation.Kind}";
    }

    /// <summary>The reproducer: the program in text form, headed by what it shows. `conformancekit replay` reads it.</summary>
    /// <param name="dextSources">The identity of the dext's sources (<c>DextTarget.Sources</c>), so that replay can tell this dext from another of the same name.</param>
    public string Reproducer(Func<uint, string?>? selectorName = null, string? dextSources = null)
    {
        var text = new StringBuilder();
        text.Append(ProgramText.Header).Append('\n');
        text.Append("# dext: ").Append(Dext).Append(dextSources is null ? "" : " " + dextSources).Append('\n');
        text.Append("# rule: ").Append(Violation.Rule).Append(" — ").Append(Rules.Describe(Violation.Rule)).Append('\n');
        text.Append("# signature: ").Append(Signature).Append('\n');
        text.Append(Violation.StepIndex < Program.Count
            ? $"# at step {Violation.Step}\n"
            : "# at the end, when the connections left open are closed\n");
        foreach (var line in Violation.Expected.Split('\n')) text.Append("# expected: ").Append(line).Append('\n');
        foreach (var line in Violation.Observed.Split('\n')) text.Append("# observed: ").Append(line).Append('\n');
        foreach (var consequence in Consequences ?? []) text.Append("# then: ").Append(consequence.ToString().Replace('\n', ' ')).Append('\n');
        foreach (var line in (Hid ?? []).Take(MaxHidLines)) text.Append("# hid: ").Append(line.Replace('\n', ' ')).Append('\n');
        if (Hid is { Count: > MaxHidLines }) text.Append("# hid: ").Append(Hid.Count - MaxHidLines).Append(" more\n");
        foreach (var line in (Peeks ?? []).Take(MaxHidLines)) text.Append("# peek: ").Append(line.Replace('\n', ' ')).Append('\n');
        if (Peeks is { Count: > MaxHidLines }) text.Append("# peek: ").Append(Peeks.Count - MaxHidLines).Append(" more\n");
        text.Append(ProgramText.Format(Program, selectorName));
        return text.ToString();
    }

    /// <summary>
    /// The findings of a run: its first violation, with the later ones as its consequences — and a
    /// crash or hang of the dext (memory.safety) as a finding of its own even when it came later,
    /// since a dead dext is never a mere consequence to hide.
    /// </summary>
    public static IEnumerable<Finding> From(string dext, RunResult result)
    {
        if (result.Violations.Count == 0) yield break;
        yield return Of(dext, result, 0);
        if (result.Violations[0].Rule == Rules.MemorySafety) yield break;
        var crash = result.Violations.Select((v, k) => (v, k)).FirstOrDefault(p => p.k > 0 && p.v.Rule == Rules.MemorySafety);
        if (crash.v is not null) yield return Of(dext, result, crash.k);
    }

    /// <summary>
    /// The finding of one violation of the run, with the violations after it as its consequences —
    /// all but a crash, which ends the run and is always a finding of its own.
    /// </summary>
    public static Finding Of(string dext, RunResult result, int violationIndex) =>
        new(dext, result.Violations[violationIndex], result.Program, result.DextLog,
            result.Crash?.Report is { Length: > 0 } report ? report : null,
            result.Violations.Skip(violationIndex + 1).Where(v => v.Rule != Rules.MemorySafety).ToArray(), result.HidLog, result.PeekLog);
}

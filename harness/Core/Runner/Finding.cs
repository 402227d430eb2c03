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
public sealed record Finding(
    string Dext,
    Violation Violation,
    Program Program,
    string DextLog,
    string? SanitizerReport)
{
    public string Rule => Violation.Rule;
    public uint? Selector => Violation.Selector;

    /// <summary>rule|selector|kind — stable across runs and machines.</summary>
    public string Signature => $"{Violation.Rule}|{(Violation.Selector is { } s ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-")}|{Violation.Kind}";

    /// <summary>A short hash of the signature, for folder names.</summary>
    public string SignatureHash => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Signature)))[..12].ToLowerInvariant();

    public string Title(Func<uint, string?>? selectorName = null)
    {
        var where = Violation.Selector is { } s ? $" on selector {s}{(selectorName?.Invoke(s) is { } n ? $" ({n})" : "")}" : "";
        return $"{Violation.Rule}{where}: {Violation.Kind}";
    }

    /// <summary>The reproducer: the program in text form, headed by what it shows. `conformancekit replay` reads it.</summary>
    public string Reproducer(Func<uint, string?>? selectorName = null)
    {
        var text = new StringBuilder();
        text.Append(ProgramText.Header).Append('\n');
        text.Append("# dext: ").Append(Dext).Append('\n');
        text.Append("# rule: ").Append(Violation.Rule).Append(" — ").Append(Rules.Describe(Violation.Rule)).Append('\n');
        text.Append("# signature: ").Append(Signature).Append('\n');
        text.Append(Violation.StepIndex < Program.Count
            ? $"# at step {Violation.StepIndex + 1}\n"
            : "# at the end, when the connections left open are closed\n");
        foreach (var line in Violation.Expected.Split('\n')) text.Append("# expected: ").Append(line).Append('\n');
        foreach (var line in Violation.Observed.Split('\n')) text.Append("# observed: ").Append(line).Append('\n');
        text.Append(ProgramText.Format(Program, selectorName));
        return text.ToString();
    }

    public static IEnumerable<Finding> From(string dext, RunResult result) =>
        result.Violations.Select(v => new Finding(dext, v, result.Program, result.DextLog, result.Crash?.Report is { Length: > 0 } report ? report : null));
}

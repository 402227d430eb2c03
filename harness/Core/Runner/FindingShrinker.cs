using ConformanceKit.Programs;

namespace ConformanceKit.Runner;

/// <summary>
/// Shrinks a failing program (calls, then sizes) for as long as it keeps failing with the same
/// signature, and returns the finding of the smallest one. Shared by `conformancekit minimize` and
/// fuzz triage, so both mean the same by "minimal".
/// </summary>
public static class FindingShrinker
{
    /// <returns>The finding with <paramref name="signature"/> on the minimal program, or null when the
    /// shrunk program does not fail that way on its final run (a flaky dext).</returns>
    public static Finding? Shrink(ProgramRunner runner, Program program, string signature) =>
        ShrinkCounting(runner, program, signature).Finding;

    /// <summary><see cref="Shrink"/>, also saying how many candidate programs it ran.</summary>
    public static (Finding? Finding, int Attempts) ShrinkCounting(ProgramRunner runner, Program program, string signature) =>
        Shrink(runner, program, signature, Finding.From);

    /// <summary>
    /// Shrinks for a violation that came after a program's first one: it is a bug of its own only if
    /// some smaller program shows it first. Null when none does — then it is the first one's
    /// consequence. A crash is never shrunk this way: it is always a finding.
    /// </summary>
    public static Finding? Isolate(ProgramRunner runner, Program program, string signature) =>
        Shrink(runner, program, signature, (dext, result) => result.Violations.Count == 0 ? [] : [Finding.Of(dext, result, 0)]).Finding;

    static (Finding? Finding, int Attempts) Shrink(ProgramRunner runner, Program program, string signature, Func<string, RunResult, IEnumerable<Finding>> findings)
    {
        var dext = runner.Spec.Dext;
        var minimal = ProgramShrinker.Minimize(program, p => findings(dext, runner.Run(p)).Any(f => f.Signature == signature));
        return (findings(dext, runner.Run(minimal.Program)).FirstOrDefault(f => f.Signature == signature), minimal.Attempts);
    }
}

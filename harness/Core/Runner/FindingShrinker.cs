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
    public static Finding? Shrink(ProgramRunner runner, Program program, string signature)
    {
        var dext = runner.Spec.Dext;
        var minimal = ProgramShrinker.Minimize(program, p => Finding.From(dext, runner.Run(p)).Any(f => f.Signature == signature));
        return Finding.From(dext, runner.Run(minimal)).FirstOrDefault(f => f.Signature == signature);
    }
}

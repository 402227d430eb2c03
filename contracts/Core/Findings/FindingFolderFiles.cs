namespace ConformanceKit.Contracts.Findings;

/// <summary>
/// The files of a finding folder (OUT/findings/&lt;slug&gt;/) besides finding.json
/// (<see cref="FindingFile"/>): what triage writes, `replay` takes and the reports attach.
/// </summary>
public static class FindingFolderFiles
{
    /// <summary>The minimal program: what `conformancekit replay` takes.</summary>
    public const string Reproducer = "reproducer.txt";

    /// <summary>Rule, selector, signature, step, expected and observed, known or not, what followed.</summary>
    public const string Verdict = "verdict.txt";

    /// <summary>The sanitizer's report, when the dext died.</summary>
    public const string Sanitizer = "sanitizer.txt";

    /// <summary>The program decoded from the raw input, before minimization.</summary>
    public const string Program = "program.txt";

    public const string DextLog = "dext.log";

    /// <summary>The raw fuzzer input.</summary>
    public const string Input = "input.bin";
}

namespace ConformanceKit.Runner;

/// <summary>
/// The `./run.sh replay` command that reproduces a finding, with every option it needs — the dext
/// folder, the spec when it is not the dext's own spec.yaml, the transport and the build variant —
/// and every word shell-quoted. The one place such a command is made: check, fuzz and the report
/// print or store what this returns.
/// </summary>
public static class ReplayCommandLine
{
    public static string For(string reproducer, string dextDirectory, string specPath, string transport, string variant)
    {
        var words = new List<string> { "./run.sh", "replay", reproducer, "--dext", dextDirectory };
        var ownSpec = Path.Combine(dextDirectory, "spec.yaml");
        if (!string.Equals(Path.GetFullPath(specPath), Path.GetFullPath(ownSpec), StringComparison.Ordinal))
        {
            words.Add("--spec");
            words.Add(specPath);
        }
        words.AddRange(["--transport", transport, "--variant", variant]);
        return ShellQuote.Join(words);
    }
}

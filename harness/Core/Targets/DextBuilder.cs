using System.Diagnostics;

namespace ConformanceKit.Targets;

/// <summary>
/// Runs dext/build-dext.sh for one variant and turns its failure into a one-line error. The plan —
/// which files, Info.plist and entitlements with their build settings expanded — is made here, from the
/// spec the harness uses, and handed to the script (--plan), which then needs no .NET of its own.
/// </summary>
public static partial class DextBuilder
{
    /// <summary>A compiler's or dkiig's diagnostic: path:line[:column]: [fatal ]error: text.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^\S+:\d+(:\d+)?: (fatal )?error: ")]
    private static partial System.Text.RegularExpressions.Regex FirstError();

    public static void Build(DextTarget target, DextVariant variant, TextWriter? log = null)
    {
        var script = RepositoryLayout.BuildScript;
        if (!File.Exists(script)) throw new TargetException($"build script missing: {script} (set {RepositoryLayout.HomeVariable} to the ConformanceKit checkout)");
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        DextPlanWriter.Write(target.Plan(), target.PlanDirectory);
        foreach (var argument in new[] { script, target.Directory, "--variant", variant.Name(), "--out", target.OutputDirectory, "--plan", target.PlanDirectory })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new TargetException("cannot start bash to build the dext");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        log?.Write(stdout);
        var errors = stderr.Result;
        if (process.ExitCode != 0)
        {
            // Say why: the compiler's (or dkiig's) first "file:line: error: ..." first, then where the
            // full log is — build-dext.sh's own last line.
            var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var last = lines.LastOrDefault() ?? $"build-dext.sh exited with {process.ExitCode}";
            var first = lines.FirstOrDefault(l => FirstError().IsMatch(l));
            throw new TargetException($"building {target.Name} ({variant.Name()}) failed: {(first is null ? last : $"{first} ({last})")}");
        }
        if (!File.Exists(target.LibraryPath(variant)))
            throw new TargetException($"building {target.Name} ({variant.Name()}) produced no {target.LibraryPath(variant)}");
    }
}

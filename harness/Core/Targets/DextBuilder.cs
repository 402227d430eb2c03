using System.Diagnostics;

namespace ConformanceKit.Targets;

/// <summary>Runs dext/build-dext.sh for one variant and turns its failure into a one-line error.</summary>
public static class DextBuilder
{
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
        foreach (var argument in new[] { script, target.Directory, "--variant", variant.Name(), "--out", target.OutputDirectory })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new TargetException("cannot start bash to build the dext");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        log?.Write(stdout);
        var errors = stderr.Result;
        if (process.ExitCode != 0)
        {
            var line = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault()
                ?? $"build-dext.sh exited with {process.ExitCode}";
            throw new TargetException($"building {target.Name} ({variant.Name()}) failed: {line}");
        }
        if (!File.Exists(target.LibraryPath(variant)))
            throw new TargetException($"building {target.Name} ({variant.Name()}) produced no {target.LibraryPath(variant)}");
    }
}

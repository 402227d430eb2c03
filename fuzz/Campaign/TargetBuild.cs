using System.Diagnostics;
using ConformanceKit.Targets;

namespace ConformanceKit.Fuzz;

/// <summary>
/// Publishes fuzz/Target into build/fuzz/target and instruments the harness's assembly there with
/// `dotnet sharpfuzz` — only ConformanceKit.Harness.dll: never ConformanceKit.Contracts, SharpFuzz, dnlib,
/// YamlDotNet or System.*, whose edges would be noise. The macOS transport (ConformanceKit.Harness.MacOS)
/// is not part of the target at all. Within the assembly, only <see cref="InstrumentedNamespaces"/>: the
/// transports' edges say nothing about the dext and vary from one run of an input to the next — how many
/// reads a large answer from dexthost takes, a host restarted after the previous input crashed it, the
/// symbolizer's cache, a buffer grown the first time — which AFL++ counts as instability. Publishing goes to a fresh folder every time, since instrumenting an
/// already instrumented assembly fails and a stale copy would silently survive an incremental publish.
/// Skipped when nothing the target is made of changed since the last preparation.
/// </summary>
public static class TargetBuild
{
    public const string InstrumentedAssembly = "ConformanceKit.Harness.dll";

    /// <summary>
    /// What decides a verdict: decoding the input into a program, running and judging it, the spec it is
    /// judged by (sharpfuzz's prefixes: a namespace or class name each).
    /// </summary>
    public static readonly string[] InstrumentedNamespaces =
        ["ConformanceKit.Programs", "ConformanceKit.Runner", "ConformanceKit.Oracle", "ConformanceKit.Spec", "ConformanceKit.IOKit"];

    public static string Directory => Path.Combine(RepositoryLayout.Root, "build", "fuzz", "target");

    public static string EntryPoint => Path.Combine(Directory, "ConformanceKit.Fuzz.Target.dll");

    public static void Prepare(TextWriter log)
    {
        // Two campaigns starting at once (two dexts fuzzed side by side) must not publish into the same folder.
        using var hold = FileLock.Acquire(Directory + ".lock");
        var stamp = Path.Combine(Directory, ".instrumented");
        // The stamp names what was instrumented: a target instrumented otherwise is prepared again.
        var instrumented = $"{InstrumentedAssembly} {string.Join(' ', InstrumentedNamespaces)}\n";
        if (File.Exists(stamp) && File.Exists(EntryPoint) && NewestSource() <= File.GetLastWriteTimeUtc(stamp) &&
            File.ReadAllText(stamp) == instrumented) return;

        var fresh = Directory + ".new";
        if (System.IO.Directory.Exists(fresh)) System.IO.Directory.Delete(fresh, recursive: true);
        var project = Path.Combine(RepositoryLayout.Root, "fuzz", "Target", "ConformanceKit.Fuzz.Target.csproj");
        log.WriteLine("publishing the fuzz target");
        Run("dotnet", ["publish", project, "-c", "Release", "-o", fresh, "-nologo", "-v:q", "-clp:ErrorsOnly"], "publishing the fuzz target");
        log.WriteLine($"instrumenting {InstrumentedAssembly} with SharpFuzz");
        Run("dotnet", ["tool", "restore"], "restoring the sharpfuzz tool (.config/dotnet-tools.json)");
        Run("dotnet", ["tool", "run", "sharpfuzz", Path.Combine(fresh, InstrumentedAssembly), .. InstrumentedNamespaces], "instrumenting with sharpfuzz");
        File.WriteAllText(Path.Combine(fresh, ".instrumented"), instrumented);
        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
        System.IO.Directory.Move(fresh, Directory);
    }

    static DateTime NewestSource()
    {
        var newest = DateTime.MinValue;
        // What fuzz/Target is built from: itself and the projects it references.
        foreach (var folder in new[] { Path.Combine("harness", "Core"), Path.Combine("contracts", "Core"), Path.Combine("fuzz", "Target") })
        {
            var root = Path.Combine(RepositoryLayout.Root, folder);
            if (!System.IO.Directory.Exists(root)) continue;
            foreach (var file in System.IO.Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            {
                if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ||
                    file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)) continue;
                var time = File.GetLastWriteTimeUtc(file);
                if (time > newest) newest = time;
            }
        }
        return newest;
    }

    static void Run(string program, string[] arguments, string what)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryLayout.Root,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new FuzzSetupException($"{what}: cannot start {program}");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode == 0) return;
        var line = (stderr.Result + "\n" + stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .LastOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)) ?? $"exit {process.ExitCode}";
        throw new FuzzSetupException($"{what} failed: {line}");
    }
}

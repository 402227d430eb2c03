using System.Diagnostics;
using ConformanceKit.Targets;
using YamlDotNet.RepresentationModel;

namespace ConformanceKit.Fuzz.Tests.Examples;

/// <summary>
/// examples/ci/conformance.yml is what a driver repository copies, so its commands are a contract: every
/// step that calls run.sh runs here as the workflow writes it — from a workspace of its own (with a
/// space in its path), with the job's environment, DEXT pointing at dext/NullDriverHardened and a
/// short FUZZ_TIME — and every path the upload step names must then exist. It lives with the fuzz
/// tests because it runs a campaign, and campaigns in one assembly never run side by side.
/// </summary>
[TestFixture]
[NonParallelizable]
public class ExampleWorkflowTests
{
    const string CheckoutPath = "tools/ConformanceKit/run.sh";
    static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(10);

    [Test]
    public void EveryRunShStepSucceedsOnTheHardenedDextAndEveryUploadedPathExists()
    {
        var workflow = Load(Path.Combine(RepositoryLayout.Root, "examples", "ci", "conformance.yml"));
        var job = (YamlMappingNode)((YamlMappingNode)workflow["jobs"]).Children.Single().Value;
        var workspace = Path.Combine(RepositoryLayout.Root, "out", "test", "example workflow");
        if (Directory.Exists(workspace)) Directory.Delete(workspace, recursive: true);
        Directory.CreateDirectory(workspace);

        var environment = ((YamlMappingNode)job["env"]).Children.ToDictionary(e => e.Key.ToString(), e => e.Value.ToString());
        Assert.That(environment.Keys, Is.SupersetOf(new[] { "DEXT", "FUZZ_TIME" }), "the job names its dext and fuzz time in env");
        environment["DEXT"] = Path.Combine(RepositoryLayout.Root, "dext", "NullDriverHardened");
        environment["FUZZ_TIME"] = "5s";
        environment["GITHUB_WORKSPACE"] = workspace;
        environment["GITHUB_RUN_NUMBER"] = "1";

        var steps = ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>().ToArray();
        var ran = 0;
        foreach (var step in steps)
        {
            if (!step.Children.TryGetValue("run", out var run) || !run.ToString().Contains(CheckoutPath, StringComparison.Ordinal)) continue;
            var script = run.ToString().Replace(CheckoutPath, Quote(Path.Combine(RepositoryLayout.Root, "run.sh")), StringComparison.Ordinal);
            var (exit, output) = Bash(script, workspace, environment);
            TestContext.Out.WriteLine($"$ {script}\n{output}\n(exit {exit})");
            Assert.That(exit, Is.Zero, $"step '{step["name"]}' on the hardened dext:\n{output}");
            ran++;
        }
        Assert.That(ran, Is.EqualTo(4), "check, fuzz, summary and report");

        var upload = steps.Single(s => s.Children.TryGetValue("uses", out var uses) && uses.ToString().StartsWith("actions/upload-artifact", StringComparison.Ordinal));
        var paths = ((YamlMappingNode)upload["with"])["path"].ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(paths, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            foreach (var path in paths)
            {
                var full = Path.Combine(workspace, path);
                Assert.That(File.Exists(full) || Directory.Exists(full), Is.True, $"the upload step names {path}, which no command wrote");
            }
        });
    }

    static YamlMappingNode Load(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    /// <summary>POSIX shell quoting: the repository path may hold spaces.</summary>
    static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    static (int Exit, string Output) Bash(string script, string directory, IReadOnlyDictionary<string, string> environment)
    {
        // GitHub runs `run:` with bash -e; stderr is merged as in a CI log.
        var start = new ProcessStartInfo("bash") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--noprofile", "--norc", "-eo", "pipefail", "-c", script }) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        start.Environment["NO_COLOR"] = "1";
        start.Environment.Remove(RepositoryLayout.HomeVariable); // run.sh finds its own checkout
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start bash");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(StepTimeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the step did not finish within {StepTimeout}:\n{output}");
        }
        process.WaitForExit();
        lock (output) return (process.ExitCode, output.ToString());
    }
}

using System.Diagnostics;
using System.Text.Json;
using ConformanceKit.Targets;
using ConformanceKit.Testing;

namespace ConformanceKit.Fuzz.Tests.Cli;

/// <summary>
/// `conformancekit fuzz` as users run it: findings are a result, never a setup error, and the replay
/// command a finding stores reproduces it when pasted as it is. With the campaign tests, in the one
/// assembly where campaigns never run side by side.
/// </summary>
[TestFixture]
[NonParallelizable]
public class FuzzCommandTests
{
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(8);

    static string Scratch(string name)
    {
        var folder = Path.Combine(RepositoryLayout.Root, "out", "test", "fuzz-command", name);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>
    /// LeakyDriver leaks on every open, so every seed — down to the bare open and close a campaign
    /// falls back to — breaks objects.balance. That is a finding, not a setup error: it is written
    /// with campaign.json and --json, and the command exits 1.
    /// </summary>
    [Test]
    public void EverySeedBreakingARuleIsAFindingNotASetupError()
    {
        var folder = Scratch("leaky");
        var output = Path.Combine(folder, "campaign");
        var json = Path.Combine(folder, "campaign.json");
        var result = CliProcess.Run(Limit, "fuzz", "--dext", Path.Combine(RepositoryLayout.Root, "dext", "tests", "dexts", "LeakyDriver"),
            "--time", "10s", "--out", output, "--json", json);
        TestContext.Out.WriteLine(result);
        Assert.That(result.ExitCode, Is.EqualTo(1), $"findings are exit 1, not a setup error:\n{result}");
        Assert.That(result.Stdout, Does.Contain("down to a bare open and close, breaks a rule"));

        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var findings = document.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => $"{f.GetProperty("rule").GetString()}:{f.GetProperty("kind").GetString()}").ToArray();
        Assert.That(findings, Does.Contain("objects.balance:leak:OSData"));
        Assert.That(File.Exists(Path.Combine(output, "campaign.json")), "campaign.json is written");
        Assert.That(Directory.GetFiles(Path.Combine(output, "seeds-failing")).Select(Path.GetFileName), Does.Contain(CorpusFiles.FallbackSeedName),
            "the plainest program was tried before giving up");
    }

    /// <summary>
    /// A campaign judged by a spec outside the dext's folder — in a folder whose name needs quoting —
    /// stores a replay command with --spec, --dext, --transport and --variant, quoted for the shell:
    /// pasted as it is, it reproduces the finding (exit 1, "reproduced"). The spec differs from the
    /// dext's own in the one way the finding depends on: the error expected past the table.
    /// </summary>
    [Test]
    public void AStoredReplayCommandPastedAsItIsReproducesItsFinding()
    {
        var folder = Scratch("spec with 'quote'; and space");
        var dext = Path.Combine(RepositoryLayout.Root, "dext", "NullDriverHardened");
        var spec = Path.Combine(folder, "other spec.yaml");
        File.WriteAllText(spec, File.ReadAllText(Path.Combine(dext, "spec.yaml"))
            .Replace("outOfRange: kIOReturnUnsupported", "outOfRange: kIOReturnBadArgument", StringComparison.Ordinal));
        var output = Path.Combine(folder, "campaign");
        var result = CliProcess.Run(Limit, "fuzz", "--dext", dext, "--spec", spec, "--time", "5s", "--out", output);
        TestContext.Out.WriteLine(result);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());

        var record = Directory.GetDirectories(Path.Combine(output, "findings"))
            .Select(f => JsonDocument.Parse(File.ReadAllText(Path.Combine(f, "finding.json"))).RootElement)
            .First(r => r.GetProperty("rule").GetString() == "selector.range");
        var replay = record.GetProperty("replay").GetString()!;
        Assert.That(replay, Does.Contain("--spec").And.Contain("--transport socket").And.Contain("--variant asan"));

        var start = new ProcessStartInfo("bash") { WorkingDirectory = RepositoryLayout.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(replay);
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        Assert.That(process.WaitForExit(Limit), Is.True);
        TestContext.Out.WriteLine($"$ {replay}\n{stdout}\n{stderr.Result}");
        Assert.That(process.ExitCode, Is.EqualTo(1), $"{replay}\n{stdout}\n{stderr.Result}");
        Assert.That(stdout, Does.Contain("reproduced").And.Not.Contain("not reproduced"));
    }
}

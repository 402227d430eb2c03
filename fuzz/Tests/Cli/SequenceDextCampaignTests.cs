using System.Text.Json;
using ConformanceKit.Targets;
using ConformanceKit.Testing;

namespace ConformanceKit.Fuzz.Tests.Cli;

/// <summary>
/// A short default (asan) campaign on SequenceDriver finds each of its sequence bugs and nothing else: the
/// seeds burst every selector (3, 65 and 257 times) and send two requests a fraction of the delay apart,
/// and the decoder's burst opcode lets AFL++ mutate such sequences.
/// </summary>
[TestFixture]
[NonParallelizable]
public class SequenceDextCampaignTests
{
    [Test]
    public void AShortCampaignFindsEverySequenceBugAndNothingElse()
    {
        var folder = Path.Combine(RepositoryLayout.Root, "out", "test", "fuzz-command", "SequenceDriver");
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        var json = Path.Combine(folder, "campaign.json");
        var result = CliProcess.Run(TimeSpan.FromMinutes(8), "fuzz", "--dext", Path.Combine(RepositoryLayout.Root, "dext", "tests", "dexts", "SequenceDriver"),
            "--time", "20s", "--out", Path.Combine(folder, "campaign"), "--json", json);
        TestContext.Out.WriteLine(result);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var signatures = document.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("signature").GetString()!).ToArray();
        Assert.That(signatures, Is.EquivalentTo(new[] { "dispatch.accept|0|output-value", "async.delivery|2|missing-completion", "objects.balance|-|leak:OSData" }));
    }
}

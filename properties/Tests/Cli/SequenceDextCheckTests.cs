using System.Text.Json;
using ConformanceKit.Properties.Tests.Support;
using ConformanceKit.Targets;
using ConformanceKit.Testing;

namespace ConformanceKit.Properties.Tests.Cli;

/// <summary>
/// `check` with its default cases on SequenceDriver, whose planted bugs each need a sequence of calls, finds
/// each and nothing else: Lookup's wrong answer from the third new input on a connection (dispatch.accept's
/// bursts), the second request made while the first is pending, a fraction of the delay after it, that never
/// completes (async.delivery's requests apart, and a wait past every deadline), and the record leaked when the
/// 65th pending request is refused (objects.balance's bursts past a queue's limit). Each reproducer keeps
/// the sequence, no more.
/// </summary>
[TestFixture]
[NonParallelizable]
public class SequenceDextCheckTests
{
    ScratchFolder _scratch = null!;

    [SetUp]
    public void CreateScratch() => _scratch = new ScratchFolder("ck-sequence-");

    [TearDown]
    public void RemoveScratch() => _scratch.Dispose();

    [Test]
    public void EachSequenceBugIsFoundWithTheDefaultCasesAndNothingElse()
    {
        var json = _scratch.File("check.json");
        var result = CliProcess.Run(TimeSpan.FromMinutes(8), "check", "--dext", Path.Combine(RepositoryLayout.Root, "dext/tests/dexts/SequenceDriver"), "--json", json);
        TestContext.Out.WriteLine(result);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var findings = document.RootElement.GetProperty("findings").EnumerateArray()
            .ToDictionary(f => f.GetProperty("signature").GetString()!, f => f.GetProperty("reproducer").GetString()!);
        Assert.That(findings.Keys, Is.EquivalentTo(new[] { "dispatch.accept|0|output-value", "async.delivery|2|missing-completion", "objects.balance|-|leak:OSData" }),
            string.Join("\n", findings.Values));
        static int Calls(string reproducer, string name) => reproducer.Split('\n').Count(line => line.EndsWith("# " + name, StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(Calls(findings["dispatch.accept|0|output-value"], "Lookup"), Is.EqualTo(3), "the third new input");
            Assert.That(Calls(findings["async.delivery|2|missing-completion"], "Request"), Is.EqualTo(2), "two requests apart");
            Assert.That(Calls(findings["objects.balance|-|leak:OSData"], "Request"), Is.EqualTo(65), "the 65th, refused, leaks");
        });
    }
}

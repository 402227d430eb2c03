using System.Text.Json;
using ConformanceKit.Properties.Tests.Support;
using ConformanceKit.Targets;
using ConformanceKit.Testing;

namespace ConformanceKit.Properties.Tests.Cli;

/// <summary>`minimize --json` says what shrinking did: steps before and after, and how many programs it ran.</summary>
[TestFixture]
[NonParallelizable]
public class MinimizeJsonTests
{
    ScratchFolder _scratch = null!;

    [SetUp]
    public void CreateScratch() => _scratch = new ScratchFolder("ck-minimize-");

    [TearDown]
    public void RemoveScratch() => _scratch.Dispose();

    [Test]
    public void TheJsonCountsStepsAndTheProgramsShrinkingRan()
    {
        // The sample's out-of-bounds read on selector 1, behind calls that play no part in it.
        var reproducer = _scratch.File("noisy.txt");
        File.WriteAllText(reproducer, """
            # conformancekit program v1
            # dext: NullDriver
            open c0
            call c0 0 scalars=1,2
            call c0 2 scalars=3,4
            call c0 1 in=00
            close c0
            """);
        var json = _scratch.File("minimize.json");
        var result = CliProcess.Run("minimize", reproducer, "--dext", Path.Combine(RepositoryLayout.Root, "dext", "NullDriver"), "--json", json);
        TestContext.Out.WriteLine(result);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var root = document.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("stepsBefore").GetInt32(), Is.EqualTo(5));
            Assert.That(root.GetProperty("stepsAfter").GetInt32(), Is.EqualTo(2));
            Assert.That(root.GetProperty("signature").GetString(), Does.StartWith("memory.safety|1|"));
            Assert.That(root.GetProperty("attempts").GetInt32(), Is.GreaterThan(0));
            Assert.That(root.GetProperty("minimal").GetString(), Does.Contain("call c0 1"));
            Assert.That(result.Stdout, Does.Contain($"({root.GetProperty("attempts").GetInt32()} programs run while shrinking)"));
        });
    }
}

using System.Text.Json;
using ConformanceKit.Contracts.Findings;
using ConformanceKit.Properties.Tests.Support;
using ConformanceKit.Targets;
using ConformanceKit.Testing;

namespace ConformanceKit.Properties.Tests.Cli;

/// <summary>
/// A reproducer's `# dext:` header identifies the dext it was made on; it never chooses what to build.
/// replay and minimize run only on the folder given with --dext, refuse a dext of another name, and
/// say so when the folder's sources are not those the reproducer was made on.
/// </summary>
[TestFixture]
[NonParallelizable]
public class ReproducerDextTests
{
    static string Hardened => Path.Combine(RepositoryLayout.Root, "dext", "NullDriverHardened");

    ScratchFolder _scratch = null!;

    [SetUp]
    public void CreateScratch() => _scratch = new ScratchFolder("ck-repro-dext-");

    [TearDown]
    public void RemoveScratch() => _scratch.Dispose();

    string Reproducer(string dextHeader, string name = "reproducer.txt")
    {
        var path = _scratch.File(name);
        File.WriteAllText(path, $"# conformancekit program v1\n# dext: {dextHeader}\nopen c0\ncall c0 0 in=u64:1,2\nclose c0\n");
        return path;
    }

    static string FirstLine(CliProcess.Result result) => result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";

    [TestCase("replay")]
    [TestCase("minimize")]
    public void WithoutDextNothingIsBuiltAndTheLineSaysWhatToPass(string command)
    {
        // A path in the header, even one that exists, is not a folder to build.
        var result = CliProcess.Run(command, Reproducer(Hardened));
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            Assert.That(FirstLine(result), Does.StartWith("conformancekit: error: ").And.Contain($"was made on dext '{Hardened}'").And.Contain("pass --dext"));
            Assert.That(result.Stderr.Trim().Split('\n'), Has.Length.EqualTo(1), result.ToString());
        });
    }

    [Test]
    public void AReproducerNamingADextOfThisCheckoutDoesNotFallBackToIt()
    {
        var result = CliProcess.Run("replay", Reproducer("NullDriver"));
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(FirstLine(result), Does.Contain("was made on dext 'NullDriver'; pass --dext"));
        Assert.That(result.Stdout, Does.Not.Contain("Returned"), "no step ran");
    }

    [Test]
    public void AFindingFolderWithoutDextPointsAtItsOwnReplayCommand()
    {
        var folder = Path.Combine(_scratch.Path, "finding");
        Directory.CreateDirectory(folder);
        File.Copy(Reproducer("NullDriverHardened sha256:0123456789abcdef"), Path.Combine(folder, "reproducer.txt"));
        var replay = $"./run.sh replay {folder} --dext {Hardened} --transport socket --variant asan";
        new FindingFile("memory.safety", 0, "crash", "memory.safety|0|crash", false, null, "e", "o", 2, DateTimeOffset.UnixEpoch, "NullDriverHardened",
            replay, 1, "id:000000").WriteTo(folder);
        var result = CliProcess.Run("replay", folder);
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(FirstLine(result), Does.Contain("pass --dext").And.Contain($"the campaign's own command: {replay}"));
    }

    [Test]
    public void ADextOfAnotherNameIsRefusedBeforeAnythingRuns()
    {
        var result = CliProcess.Run("replay", Reproducer("HiddenCrashDriver sha256:0123456789abcdef"), "--dext", Hardened, "--transport", "inproc");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            Assert.That(FirstLine(result), Does.Contain("was made on dext 'HiddenCrashDriver', not on 'NullDriverHardened'"));
            Assert.That(result.Stdout, Does.Not.Contain("Returned"), "no step ran");
        });
    }

    [Test]
    public void OtherSourcesOfTheSameDextAreNamedAndReplayed()
    {
        var result = CliProcess.Run("replay", Reproducer("NullDriverHardened sha256:0123456789abcdef"), "--dext", Hardened, "--transport", "inproc");
        var sources = DextTarget.Resolve(Hardened).Sources;
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
            Assert.That(result.Stderr, Does.Contain($"has other sources ({sources}) than the reproducer was made on (sha256:0123456789abcdef)"));
            Assert.That(result.Stdout, Does.Contain("Returned"), "the steps ran");
        });
    }

    [Test]
    public void TheSameSourcesReplayWithoutANote()
    {
        var sources = DextTarget.Resolve(Hardened).Sources;
        var result = CliProcess.Run("replay", Reproducer($"NullDriverHardened {sources}"), "--dext", Hardened, "--transport", "inproc");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Stderr, Does.Not.Contain("note:"), result.ToString());
    }

    [Test]
    public void CheckReproducersNameTheirDextAndItsSources()
    {
        var json = _scratch.File("check.json");
        var nullDriver = Path.Combine(RepositoryLayout.Root, "dext", "NullDriver");
        var result = CliProcess.Run("check", "--dext", nullDriver, "--transport", "inproc", "--rule", "async.delivery", "--allow-known", "--cases", "5", "--json", json);
        Assert.That(result.ExitCode, Is.AnyOf(0, 1), result.ToString());
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var reproducers = document.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("reproducer").GetString()!).ToArray();
        Assert.That(reproducers, Is.Not.Empty, "the sample has known async.delivery findings");
        Assert.That(reproducers, Has.All.Contain($"# dext: NullDriver {DextTarget.Resolve(nullDriver).Sources}\n"));
    }
}

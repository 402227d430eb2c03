using ConformanceKit.Reports.Tests.Support;
using ConformanceKit.Reports.Tool;
using ConformanceKit.Targets;

namespace ConformanceKit.Reports.Tests.Tool;

[TestFixture]
public class ReportToolTests
{
    static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = ReportTool.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Test]
    public void ExportsFuzzFoldersAndCheckFilesIntoOneResultsDirectory()
    {
        using var dir = new TemporaryDirectory("tool");
        var fuzz = new FuzzFolder(dir.Combine("fuzz")).Campaign("NullDriver", 1);
        fuzz.Finding("f", "memory.safety", 1, "heap-buffer-overflow-read@X", true, "NullDriver", Path.Combine(RepositoryLayout.Root, "dext", "NullDriver"));
        var (exit, output, error) = Run("--results", dir.Combine("results"), "--fuzz", fuzz.Path,
            "--check", Fixtures.CheckJson("NullDriver"), "--check", Fixtures.CheckJson("NullDriverHardened"));
        Assert.That(exit, Is.EqualTo(0), error);
        // fuzz: the finding and the campaign; check: 24 rows and the check run, for each of the two dexts.
        Assert.That(output, Does.Contain("wrote 52 Allure results"));
        Assert.That(new ResultsOnDisk(dir.Combine("results")).Results, Has.Count.EqualTo(52));
        Assert.That(File.Exists(dir.Combine("results", "categories.json")), Is.True);
    }

    [Test]
    public void WithoutResultsDirectoryItIsAUsageError()
    {
        var (exit, _, error) = Run("--check", "x.json");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.StartWith("ck-report: error:").And.Contain("--results"));
    }

    [Test]
    public void AnUnreadableInputIsASetupErrorNamingTheFile()
    {
        using var dir = new TemporaryDirectory("tool");
        var (exit, _, error) = Run("--results", dir.Combine("results"), "--check", dir.Combine("missing.json"));
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain(dir.Combine("missing.json")));
    }
}

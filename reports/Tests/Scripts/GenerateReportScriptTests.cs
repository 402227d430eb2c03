using ConformanceKit.Reports.Allure.Model;
using ConformanceKit.Reports.Allure.Writing;
using ConformanceKit.Reports.Tests.Support;

namespace ConformanceKit.Reports.Tests.Scripts;

/// <summary>reports/generate-report.sh refuses what it cannot render, with exit 2 and one line saying why.</summary>
[TestFixture]
public class GenerateReportScriptTests
{
    static ProcessRun.Outcome Run(params string[] arguments) =>
        ProcessRun.Run("bash", [Path.Combine(AllureReport.ReportsDirectory, "generate-report.sh"), .. arguments], TimeSpan.FromSeconds(60));

    [Test]
    public void ADirectoryWithoutResultsIsRefused()
    {
        using var dir = new TemporaryDirectory("script");
        Directory.CreateDirectory(dir.Combine("results"));
        var outcome = Run(dir.Combine("results"), dir.Combine("report"));
        Assert.That(outcome.ExitCode, Is.EqualTo(2));
        Assert.That(outcome.Error, Does.Contain("holds no Allure results"));
    }

    [Test]
    public void ADirectoryThatIsNotAReportIsNeverWiped()
    {
        using var dir = new TemporaryDirectory("script");
        new ResultsDirectory(dir.Combine("results")).Write(new AllureResult
        {
            Uuid = ResultsDirectory.NewUuid(), Name = "n", Status = AllureStatus.Passed, Start = 0, Stop = 0,
        });
        Directory.CreateDirectory(dir.Combine("precious"));
        File.WriteAllText(dir.Combine("precious", "keep.txt"), "mine");
        var outcome = Run(dir.Combine("results"), dir.Combine("precious"));
        Assert.That(outcome.ExitCode, Is.EqualTo(2));
        Assert.That(outcome.Error, Does.Contain("refusing to replace it"));
        Assert.That(File.ReadAllText(dir.Combine("precious", "keep.txt")), Is.EqualTo("mine"));
    }

    [Test]
    public void WrongUsagePrintsTheUsage()
    {
        var outcome = Run("only-one-argument");
        Assert.That(outcome.ExitCode, Is.EqualTo(2));
        Assert.That(outcome.Error, Does.Contain("generate-report.sh RESULTS_DIR REPORT_DIR"));
    }
}

using ConformanceKit.Targets;

namespace ConformanceKit.Reports.Tests.Support;

/// <summary>Runs reports/generate-report.sh — the script run.sh uses — with the pinned Allure CLI.</summary>
public static class AllureReport
{
    public static string ReportsDirectory => Path.Combine(RepositoryLayout.Root, "reports");

    public static string Generate(string results, string report, string history, bool singleFile)
    {
        var allure = Path.Combine(ReportsDirectory, "node_modules", ".bin", "allure");
        Assert.That(File.Exists(allure), Is.True,
            $"the pinned Allure CLI is not installed ({allure}): `./run.sh test` runs `npm ci` in reports/; by hand: (cd reports && npm ci)");
        List<string> arguments = [Path.Combine(ReportsDirectory, "generate-report.sh"), results, report];
        if (singleFile) arguments.Add("--single-file");
        var outcome = ProcessRun.Run("bash", arguments, TimeSpan.FromSeconds(120),
            environment: new Dictionary<string, string?> { ["CK_ALLURE_HISTORY"] = history });
        Assert.That(outcome.ExitCode, Is.EqualTo(0), $"generate-report.sh failed:\n{outcome.Output}\n{outcome.Error}");
        return outcome.Output;
    }
}

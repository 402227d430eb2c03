using System.Globalization;
using System.Text;
using ConformanceKit.Reports.Allure.Conformance;
using ConformanceKit.Reports.Allure.Identity;
using ConformanceKit.Reports.Allure.Model;
using ConformanceKit.Reports.Allure.Writing;
using ConformanceKit.Reports.Export.Common;

namespace ConformanceKit.Reports.Export.Fuzz;

/// <summary>The Allure result of a fuzz campaign: passed (the campaign ran), its figures as parameters and a table.</summary>
public static class CampaignResults
{
    const string Source = FuzzExporter.Source;
    const string Thread = FuzzExporter.Thread;

    public static AllureResult For(CampaignFile campaign, string campaignPath, IReadOnlyList<FindingFile> findings, ResultsDirectory results)
    {
        var fullName = $"fuzz {campaign.Dext}: campaign";
        var testCaseId = AllureIds.TestCaseId(fullName);
        var parameters = new List<Parameter>
        {
            Parameter.Tracked("variant", campaign.Variant),
            Parameter.Tracked("transport", campaign.Transport),
            Parameter.Informational("jobs", Invariant(campaign.Jobs)),
            Parameter.Informational("duration (s)", campaign.DurationSeconds.ToString("0.#", CultureInfo.InvariantCulture)),
            Parameter.Informational("execs", Invariant(campaign.Execs)),
            Parameter.Informational("exec/s", campaign.ExecsPerSecond.ToString("0.#", CultureInfo.InvariantCulture)),
            Parameter.Informational("paths", Invariant(campaign.Paths)),
            Parameter.Informational("findings", Invariant(campaign.Findings)),
        };
        var start = Times.Milliseconds(campaign.StartedAt) ?? Times.FileTime(campaignPath) - (long)(campaign.DurationSeconds * 1000);
        return new AllureResult
        {
            Uuid = ResultsDirectory.NewUuid(),
            Name = $"fuzz campaign: {campaign.Dext} ({campaign.Variant}, {campaign.Transport}, {campaign.Jobs} jobs)",
            FullName = fullName,
            TestCaseId = testCaseId,
            HistoryId = AllureIds.HistoryId(testCaseId, parameters),
            TitlePath = [campaign.Dext, "fuzz campaigns"],
            Status = AllureStatus.Passed,
            Description = CampaignDescription(campaign, findings),
            Start = start,
            Stop = start + (long)(campaign.DurationSeconds * 1000),
            Labels = [Label.ParentSuite(campaign.Dext), Label.Suite("fuzz campaigns"), Label.Feature("fuzzing"), Label.Story("campaign"),
                      Label.Severity(Severities.Normal), Label.Tag(Source), Label.Framework("conformancekit fuzz"), Label.Language("C#"),
                      Label.Host(RunContext.Host), Label.Thread(Thread)],
            Parameters = parameters,
            Attachments = [results.AttachFile("campaign.json — campaign figures", campaignPath)],
        };
    }

    static string CampaignDescription(CampaignFile campaign, IReadOnlyList<FindingFile> findings)
    {
        var text = new StringBuilder();
        text.Append($"Fuzz campaign against **{campaign.Dext}** ({campaign.Variant} build, {campaign.Transport} transport), started {campaign.StartedAt}.\n\n");
        text.Append("| figure | value |\n|---|---|\n");
        text.Append($"| duration | {campaign.DurationSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s |\n");
        text.Append($"| parallel jobs | {Invariant(campaign.Jobs)} |\n");
        text.Append($"| executions | {Invariant(campaign.Execs)} |\n");
        text.Append($"| executions/s | {campaign.ExecsPerSecond.ToString("0.#", CultureInfo.InvariantCulture)} |\n");
        text.Append($"| paths | {Invariant(campaign.Paths)} |\n");
        text.Append($"| distinct findings | {Invariant(campaign.Findings)} |\n");
        if (findings.Count > 0)
        {
            text.Append("\nFindings (each is its own failed result):\n\n");
            foreach (var finding in findings) text.Append($"- `{finding.Signature}`{(finding.Known ? " (known)" : "")}\n");
        }
        return text.ToString();
    }

    static string Invariant(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

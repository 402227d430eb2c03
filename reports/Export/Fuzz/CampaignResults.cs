using System.Globalization;
using System.Text;
using ConformanceKit.Contracts.Campaigns;
using ConformanceKit.Contracts.Findings;
using ConformanceKit.Reports.Allure.Conformance;
using ConformanceKit.Reports.Allure.Identity;
using ConformanceKit.Reports.Allure.Model;
using ConformanceKit.Reports.Allure.Writing;
using ConformanceKit.Reports.Export.Charts;
using ConformanceKit.Reports.Export.Common;

namespace ConformanceKit.Reports.Export.Fuzz;

/// <summary>
/// The Allure result of a fuzz campaign: passed (the campaign ran), its figures as parameters and a
/// table, and its progress over time as an SVG chart (the first attachment) when AFL++ left plot_data.
/// </summary>
public static class CampaignResults
{
    const string Source = FuzzExporter.Source;
    const string Thread = FuzzExporter.Thread;

    /// <param name="findings">The findings this export wrote results for (listed in the description).</param>
    /// <param name="findingTimes">When each of the campaign's distinct findings was first seen (Unix ms), for the chart.</param>
    public static AllureResult For(CampaignFile campaign, string campaignPath, IReadOnlyList<FindingFile> findings, IReadOnlyList<long> findingTimes,
        ResultsDirectory results)
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
        var progress = Progress(campaign, campaignPath, start, findingTimes);
        var attachments = new List<Attachment>();
        // Allure 3 shows an image/svg+xml attachment as a picture. The markdown description cannot show it
        // too: markdown-it refuses data:image/svg+xml links, and the description is rendered in a blob
        // iframe where the report's attachment paths do not resolve — so the description names it instead.
        if (progress.Svg is { } svg) attachments.Add(results.Attach(CampaignProgressChart.AttachmentName, MimeTypes.Svg, Encoding.UTF8.GetBytes(svg)));
        attachments.Add(results.AttachFile("campaign.json — campaign figures", campaignPath));
        return new AllureResult
        {
            Uuid = ResultsDirectory.NewUuid(),
            Name = $"fuzz campaign: {campaign.Dext} ({campaign.Variant}, {campaign.Transport}, {campaign.Jobs} jobs)",
            FullName = fullName,
            TestCaseId = testCaseId,
            HistoryId = AllureIds.HistoryId(testCaseId, parameters),
            TitlePath = [campaign.Dext, "fuzz campaigns"],
            Status = AllureStatus.Passed,
            Description = CampaignDescription(campaign, findings, progress.Note),
            Start = start,
            Stop = start + (long)(campaign.DurationSeconds * 1000),
            Labels = [Label.ParentSuite(campaign.Dext), Label.Suite("fuzz campaigns"), Label.Feature("fuzzing"), Label.Story("campaign"),
                      Label.Severity(Severities.Normal), Label.Tag(Source), Label.Framework("conformancekit fuzz"), Label.Language("C#"),
                      Label.Host(RunContext.Host), Label.Thread(Thread)],
            Parameters = parameters,
            Attachments = attachments,
        };
    }

    /// <summary>The chart, or the line saying why there is none: a chart never costs the campaign its result.</summary>
    static CampaignProgressChart.Outcome Progress(CampaignFile campaign, string campaignPath, long start, IReadOnlyList<long> findingTimes)
    {
        try
        {
            return CampaignProgressChart.For(Path.GetDirectoryName(Path.GetFullPath(campaignPath))!, campaign, start, findingTimes);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new CampaignProgressChart.Outcome(null, $"No progress chart: {e.GetType().Name}: {e.Message}.", [], 0);
        }
    }

    static string CampaignDescription(CampaignFile campaign, IReadOnlyList<FindingFile> findings, string progress)
    {
        var text = new StringBuilder();
        text.Append($"Fuzz campaign against **{campaign.Dext}** ({campaign.Variant} build, {campaign.Transport} transport), started {campaign.StartedAt}.\n\n");
        text.Append(progress).Append("\n\n");
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
        if (campaign.KnownHits.Count > 0)
        {
            // Not crashes: the fuzz targets went on past them (README, "Known findings do not stop a campaign").
            text.Append("\nKnown findings hit (the fuzz targets went on past them):\n\n");
            foreach (var hit in campaign.KnownHits)
                text.Append($"- `{hit.Signature}`: {Invariant(hit.Hits)} execution(s){(hit.FirstInput is { } input ? $", first input `{input}`" : "")}\n");
        }
        return text.ToString();
    }

    static string Invariant(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

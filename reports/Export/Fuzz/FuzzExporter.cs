using System.Globalization;
using ConformanceKit.Contracts.Campaigns;
using ConformanceKit.Contracts.Findings;
using ConformanceKit.Reports.Allure.Model;
using ConformanceKit.Reports.Allure.Writing;
using ConformanceKit.Reports.Export.Charts;
using ConformanceKit.Reports.Export.Common;

namespace ConformanceKit.Reports.Export.Fuzz;

/// <summary>
/// Exports a fuzz campaign folder (OUT/campaign.json, OUT/findings/&lt;slug&gt;/, OUT/afl/&lt;instance&gt;/plot_data)
/// as Allure results: one passed result per campaign with its figures and its progress over time as a
/// chart (<see cref="CampaignProgressChart"/>), and one failed result per distinct finding with
/// every file of its folder attached and the replay command in its description. A finding folder
/// whose finding.json is missing or unreadable (the fuzzer died while writing it) is still exported,
/// as a broken result with its files attached: a crash is never lost to a reporting problem.
/// </summary>
public sealed class FuzzExporter(ResultsDirectory results)
{
    public const string Source = "fuzz";
    internal const string Thread = "fuzz";

    readonly HashSet<(string Dext, string Signature)> exported = [];

    public ExportSummary Export(string outDirectory)
    {
        var campaignPath = CampaignFile.PathIn(outDirectory);
        var findingsPath = Path.Combine(outDirectory, "findings");
        if (!File.Exists(campaignPath) && !Directory.Exists(findingsPath))
            throw new ExportException(outDirectory, "not a fuzz campaign folder (no campaign.json, no findings/)");

        var campaign = File.Exists(campaignPath) ? InputJson.Read(() => CampaignFile.Read(campaignPath)) : null;
        var summary = ExportSummary.None;
        var findings = new List<FindingFile>();
        // When each of this campaign's distinct findings was first seen (by signature; a folder without a
        // usable finding.json is one of its own), for the progress chart — including findings another
        // campaign folder already exported.
        var firstSeen = new Dictionary<string, long>(StringComparer.Ordinal);
        if (Directory.Exists(findingsPath))
        {
            foreach (var folder in Directory.EnumerateDirectories(findingsPath).Order(StringComparer.Ordinal))
            {
                var (written, finding, record) = ExportFinding(folder, campaign);
                summary += written;
                if (finding is not null) findings.Add(finding);
                var key = record?.Signature ?? $"folder:{Path.GetFileName(folder)}";
                var seen = CampaignProgressChart.FirstSeen(folder, record);
                firstSeen[key] = firstSeen.TryGetValue(key, out var earlier) ? Math.Min(earlier, seen) : seen;
            }
        }
        if (campaign is not null)
        {
            results.Write(CampaignResults.For(campaign, campaignPath, findings, firstSeen.Values.Order().ToArray(), results));
            results.MergeEnvironment([new($"fuzz.{campaign.Dext}",
                $"{campaign.Variant}/{campaign.Transport}, {campaign.Jobs} jobs, {campaign.DurationSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s")]);
            summary += new ExportSummary(1, 0);
        }
        return summary;
    }

    /// <returns>What was written, the finding when this export wrote its result, and its record whenever it could be read.</returns>
    (ExportSummary, FindingFile?, FindingFile?) ExportFinding(string folder, CampaignFile? campaign)
    {
        FindingFile finding;
        try
        {
            finding = InputJson.Read(() => FindingFile.ReadFrom(folder));
        }
        catch (ExportException e)
        {
            results.Write(FindingResults.Unreadable(folder, e.Message, AttachAll(folder), campaign));
            return (new ExportSummary(1, 1), null, null);
        }
        // The same finding from another campaign folder (or a resumed one) is one result, not two.
        if (!exported.Add((finding.Dext, finding.Signature))) return (ExportSummary.None, null, finding);
        results.Write(FindingResults.For(folder, finding, AttachAll(folder), campaign));
        return (new ExportSummary(1, 1), finding, finding);
    }

    List<Attachment> AttachAll(string folder) => FindingFiles.In(folder).Select(f => results.AttachFile(f.Name, f.Path)).ToList();
}

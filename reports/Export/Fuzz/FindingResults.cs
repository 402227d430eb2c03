using System.Globalization;
using System.Text;
using ConformanceKit.Contracts.Campaigns;
using ConformanceKit.Contracts.Findings;
using ConformanceKit.Reports.Allure.Conformance;
using ConformanceKit.Reports.Allure.Identity;
using ConformanceKit.Reports.Allure.Model;
using ConformanceKit.Reports.Allure.Writing;
using ConformanceKit.Reports.Export.Common;

namespace ConformanceKit.Reports.Export.Fuzz;

/// <summary>The Allure result of one fuzz finding folder: failed, filed by dext/rule/selector, every file attached.</summary>
public static class FindingResults
{
    const string Source = FuzzExporter.Source;
    const string Thread = FuzzExporter.Thread;

    public static AllureResult For(string folder, FindingFile finding, List<Attachment> attachments, CampaignFile? campaign)
    {
        var fullName = $"fuzz {finding.Dext}: {finding.Signature}";
        var testCaseId = AllureIds.TestCaseId(fullName);
        var parameters = new List<Parameter>();
        if (campaign is not null)
        {
            parameters.Add(Parameter.Tracked("variant", campaign.Variant));
            parameters.Add(Parameter.Tracked("transport", campaign.Transport));
        }
        parameters.Add(Parameter.Informational("step", finding.Step.ToString(CultureInfo.InvariantCulture)));
        parameters.Add(Parameter.Informational("first seen", FirstSeen(finding)));
        // Also in the description; as a parameter it sits in the result's overview, one click to copy.
        parameters.Add(Parameter.Informational("replay", finding.Replay));

        var selector = finding.Selector is { } s ? SelectorLabel.Of(s, SelectorLabel.NameFromSpec(DextDirectory(finding.Replay), s)) : null;
        var labels = RuleLabels.For(finding.Dext, finding.Rule, selector, Source, Thread);
        labels.Add(RuleLabels.KnownTag(finding.Known));

        var sanitizer = Path.Combine(folder, FindingFiles.Sanitizer);
        var verdict = Path.Combine(folder, FindingFiles.Verdict);
        var time = finding.FirstSeen?.ToUnixTimeMilliseconds() ?? Times.FileTime(FindingFile.PathIn(folder));
        return new AllureResult
        {
            Uuid = ResultsDirectory.NewUuid(),
            Name = $"fuzz: {finding.Kind}",
            FullName = fullName,
            TestCaseId = testCaseId,
            HistoryId = AllureIds.HistoryId(testCaseId, parameters),
            TitlePath = [finding.Dext, finding.Rule, .. selector is null ? Array.Empty<string>() : [selector]],
            Status = AllureStatus.Failed,
            StatusDetails = new StatusDetails
            {
                Message = FailureMessage.For(finding.Rule, finding.Known, $"{finding.Observed} (expected: {finding.Expected})"),
                Trace = File.Exists(sanitizer) ? File.ReadAllText(sanitizer) : File.Exists(verdict) ? File.ReadAllText(verdict) : null,
                Known = finding.Known ? true : null,
                Expected = finding.Expected,
                Actual = finding.Observed,
            },
            Description = Description(finding),
            Start = time,
            Stop = time,
            Labels = labels,
            Parameters = parameters,
            Attachments = attachments,
        };
    }

    public static AllureResult Unreadable(string folder, string problem, List<Attachment> attachments, CampaignFile? campaign)
    {
        var dext = campaign?.Dext ?? "fuzz";
        var fullName = $"fuzz {dext}: unreadable finding {Path.GetFileName(folder)}";
        var testCaseId = AllureIds.TestCaseId(fullName);
        var time = Times.FileTime(folder);
        return new AllureResult
        {
            Uuid = ResultsDirectory.NewUuid(),
            Name = $"fuzz: unreadable finding {Path.GetFileName(folder)}",
            FullName = fullName,
            TestCaseId = testCaseId,
            HistoryId = AllureIds.HistoryId(testCaseId, []),
            Status = AllureStatus.Broken,
            StatusDetails = new StatusDetails { Message = $"the fuzzer left a finding folder without a usable finding.json: {problem}" },
            Description = $"Folder `{folder}`. Its files are attached; replay `reproducer.txt` by hand if it is there.",
            Start = time,
            Stop = time,
            Labels = [Label.ParentSuite(dext), Label.Suite("fuzz campaigns"), Label.Feature("fuzzing"), Label.Tag(Source),
                      Label.Severity(Severities.Critical), Label.Host(RunContext.Host), Label.Thread(Thread)],
            Attachments = attachments,
        };
    }

    static string Description(FindingFile finding)
    {
        var text = new StringBuilder();
        text.Append(RuleLabels.RuleLine(finding.Rule)).Append("\n\n");
        if (finding.Known) text.Append($"Known finding (listed in the dext's spec): {finding.Why ?? "no reason given"}.\n\n");
        text.Append($"- expected: {finding.Expected}\n- observed: {finding.Observed}\n- at step {finding.Step} of the program\n");
        text.Append($"- signature: `{finding.Signature}`\n- first seen: {FirstSeen(finding)}\n\n");
        text.Append("Replay it:\n\n```\n").Append(finding.Replay).Append("\n```\n");
        return text.ToString();
    }

    static string FirstSeen(FindingFile finding) => finding.FirstSeen?.ToString("O", CultureInfo.InvariantCulture) ?? "not recorded";

    /// <summary>The dext folder named by the replay command's --dext, where its spec.yaml is.</summary>
    static string? DextDirectory(string replay)
    {
        var words = replay.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var at = Array.IndexOf(words, "--dext");
        return at >= 0 && at + 1 < words.Length ? words[at + 1].Trim('"', '\'') : null;
    }

}

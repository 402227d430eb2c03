using System.Globalization;
using System.Text;
using ConformanceKit.Contracts.Check;
using ConformanceKit.Reports.Allure.Conformance;
using ConformanceKit.Reports.Allure.Identity;
using ConformanceKit.Reports.Allure.Model;
using ConformanceKit.Reports.Allure.Writing;
using ConformanceKit.Reports.Export.Charts;
using ConformanceKit.Reports.Export.Common;

namespace ConformanceKit.Reports.Export.Check;

/// <summary>
/// Exports a `conformancekit check --json` summary: one result per row of the conformance table
/// (rule × selector) — passed when the rule held, failed with each finding as a step carrying its
/// reproducer, verdict and sanitizer report, skipped with the reason when the rule does not apply —
/// each with its programs run, programs that reached the dext and calls delivered; and one result for
/// the check run itself, carrying the chart of those numbers over every rule (<see cref="CheckReachChart"/>).
/// This is how the main job's checks of NullDriver and NullDriverHardened reach the report.
/// </summary>
public sealed class CheckExporter(ResultsDirectory results)
{
    public const string Source = "check";
    /// <summary>The suite of the check runs' results under their dext, beside "fuzz campaigns".</summary>
    public const string RunSuite = "check runs";
    const string Thread = "check";

    public ExportSummary Export(string jsonPath)
    {
        var check = InputJson.Read(() => CheckFile.Read(jsonPath));
        var stop = Times.FileTime(jsonPath);
        var start = stop - check.DurationMs;
        var summary = ExportSummary.None;
        foreach (var rule in check.Rules)
        {
            foreach (var row in rule.Selectors)
            {
                var findings = check.Findings.Where(f => f.Rule == rule.Id && f.Selector == row.Selector).ToArray();
                var result = RowResult(check, rule.Id, row, findings, start, stop);
                results.Write(result);
                summary += new ExportSummary(1, result.Status == AllureStatus.Failed ? 1 : 0);
            }
        }
        results.Write(RunResult(check, jsonPath, start, stop));
        summary += new ExportSummary(1, 0);
        results.MergeEnvironment([new($"check.{check.Dext}",
            $"{check.Transport}/{check.Variant}, seed {check.Seed}, {check.Cases} cases, {(check.AllHeld ? "all rules held" : "findings")}")]);
        return summary;
    }

    AllureResult RowResult(CheckFile check, string rule, CheckFile.RowEntry row, FindingEntry[] findings, long start, long stop)
    {
        var selector = row.Selector is { } s ? SelectorLabel.Of(s, row.Name) : null;
        var title = $"{check.Dext} · {rule}{(selector is null ? "" : " · " + selector)}";
        var fullName = $"conformancekit check {title}";
        var testCaseId = AllureIds.TestCaseId(fullName);
        var parameters = new List<Parameter>(RunParameters(check))
        {
            Parameter.Informational("programs run", Invariant(row.Programs)),
            Parameter.Informational("reached the dext", row.Reached is { } reached ? Invariant(reached) : CheckReachChart.NotRecorded),
            Parameter.Informational("calls to ExternalMethod", row.Calls is { } calls ? Invariant(calls) : CheckReachChart.NotRecorded),
        };
        // Not judged by the transport's design is skipped, like a rule that does not apply; not judged
        // because no program reached the dext is broken: the check could not do its job there.
        var status = row.Status switch
        {
            RuleStatus.Held => AllureStatus.Passed,
            RuleStatus.NotApplicable => AllureStatus.Skipped,
            RuleStatus.NotJudged when row.ByDesign => AllureStatus.Skipped,
            RuleStatus.NotJudged => AllureStatus.Broken,
            _ => AllureStatus.Failed,
        };
        var known = findings.Length > 0 && findings.All(f => f.Known);
        var labels = RuleLabels.For(check.Dext, rule, selector, Source, Thread);
        if (status == AllureStatus.Failed) labels.Add(RuleLabels.KnownTag(known));
        return new AllureResult
        {
            Uuid = ResultsDirectory.NewUuid(),
            Name = $"check: {title}",
            FullName = fullName,
            TestCaseId = testCaseId,
            HistoryId = AllureIds.HistoryId(testCaseId, parameters),
            TitlePath = [check.Dext, rule, .. selector is null ? Array.Empty<string>() : [selector]],
            Status = status,
            StatusDetails = Details(rule, row, findings, status, known),
            Description = Description(check, rule, row, findings),
            Start = start,
            Stop = stop,
            Labels = labels,
            Parameters = parameters,
            Steps = findings.Select(f => FindingStep(f, start, stop)).ToArray(),
        };
    }

    static StatusDetails? Details(string rule, CheckFile.RowEntry row, FindingEntry[] findings, AllureStatus status, bool known)
    {
        switch (status)
        {
            case AllureStatus.Skipped:
                return new StatusDetails { Message = $"{(row.Status == RuleStatus.NotJudged ? "not judged on this transport" : "not applicable")}: {row.Note ?? "no reason given"}" };
            case AllureStatus.Broken:
                return new StatusDetails { Message = $"not judged: {row.Note ?? "no program reached the dext"}" };
            case AllureStatus.Failed when findings.Length == 1:
                var finding = findings[0];
                return new StatusDetails
                {
                    Message = FailureMessage.For(rule, known, $"{finding.Title}: {finding.Observed} (expected: {finding.Expected})"),
                    Trace = finding.SanitizerReport,
                    Known = known ? true : null,
                    Expected = finding.Expected,
                    Actual = finding.Observed,
                };
            case AllureStatus.Failed:
                return new StatusDetails
                {
                    Message = FailureMessage.For(rule, known, findings.Length == 0
                        ? "the rule failed, but the summary lists no finding for it"
                        : $"{findings.Length} findings: {string.Join("; ", findings.Select(f => f.Title))}"),
                    Trace = findings.Select(f => f.SanitizerReport).FirstOrDefault(r => r is not null),
                    Known = known ? true : null,
                };
            default:
                return null;
        }
    }

    StepResult FindingStep(FindingEntry finding, long start, long stop)
    {
        var attachments = new List<Attachment>
        {
            results.AttachText("reproducer.txt — minimal reproducer", finding.Reproducer),
            results.AttachText("verdict.txt — expected vs observed",
                $"rule:     {finding.Rule}\nstep:     {finding.Step}\nexpected: {finding.Expected}\nobserved: {finding.Observed}\n"),
        };
        if (finding.SanitizerReport is { } report) attachments.Add(results.AttachText("sanitizer.txt — sanitizer report", report));
        return new StepResult
        {
            Name = $"{finding.Title}{(finding.Known ? " (known)" : "")}",
            Status = AllureStatus.Failed,
            StatusDetails = new StatusDetails { Message = $"{finding.Observed} (expected: {finding.Expected})", Known = finding.Known ? true : null },
            Attachments = attachments,
            Parameters = [Parameter.Informational("signature", finding.Signature), Parameter.Informational("step", Invariant(finding.Step))],
            Start = start,
            Stop = stop,
        };
    }

    static string Description(CheckFile check, string rule, CheckFile.RowEntry row, FindingEntry[] findings)
    {
        var text = new StringBuilder(RuleLabels.RuleLine(rule)).Append("\n\n");
        text.Append($"`conformancekit check` of {check.Dext}: {row.Programs} programs, seed {check.Seed}, {check.Transport} transport, {check.Variant} build.\n");
        text.Append("\n| figure | value |\n|---|---|\n");
        text.Append($"| programs run (generated, shrinking included) | {Invariant(row.Programs)} |\n");
        text.Append($"| programs that reached the dext (it served a step) | {Reached(row)} |\n");
        text.Append($"| calls that reached its ExternalMethod | {(row.Calls is { } calls ? Invariant(calls) : CheckReachChart.NotRecorded)} |\n");
        if (row.Note is { Length: > 0 } note) text.Append($"\nNote: {note}\n");
        if (findings.Length > 0)
        {
            // The CLI wrote each finding's complete, quoted command; files from before it did get the
            // dext folder the spec sits in, the best that can be said then.
            text.Append("\nReplay a finding (save its attached reproducer.txt first):\n\n```\n");
            foreach (var finding in findings)
                text.Append(finding.Replay ?? $"./run.sh replay reproducer.txt --dext {Path.GetDirectoryName(check.Spec)}").Append($"   # {finding.Title}\n");
            text.Append("```\n");
        }
        return text.ToString();
    }

    /// <summary>
    /// The check run as a result of its own, filed under the dext next to its fuzz campaigns
    /// ("check runs" beside "fuzz campaigns"), passed because the check ran — each row carries its own
    /// verdict. The chart of every rule is attached here, once, rather than to each of the rows: a
    /// reviewer opening the dext sees it first, whole, without having to open one row among twenty-four
    /// to find it (and one copy per row would be twenty-four identical pictures); each row still has its
    /// own numbers as parameters and in its description.
    /// </summary>
    AllureResult RunResult(CheckFile check, string jsonPath, long start, long stop)
    {
        var rows = check.Rules.SelectMany(r => r.Selectors.Select(row => (Rule: r.Id, Row: row))).ToArray();
        var fullName = $"conformancekit check {check.Dext}: run";
        var testCaseId = AllureIds.TestCaseId(fullName);
        var parameters = new List<Parameter>(RunParameters(check))
        {
            Parameter.Informational("rules held", $"{check.Rules.Count(r => r.Status == RuleStatus.Held)} of {check.Rules.Count}"),
            Parameter.Informational("programs run", Invariant(rows.Sum(r => (long)r.Row.Programs))),
            Parameter.Informational("reached the dext", rows.All(r => r.Row.Reached is not null)
                ? Invariant(rows.Sum(r => (long)r.Row.Reached!.Value)) : CheckReachChart.NotRecorded),
        };
        return new AllureResult
        {
            Uuid = ResultsDirectory.NewUuid(),
            Name = $"check run: {check.Dext} ({check.Transport}, {check.Variant}, seed {check.Seed})",
            FullName = fullName,
            TestCaseId = testCaseId,
            HistoryId = AllureIds.HistoryId(testCaseId, parameters),
            TitlePath = [check.Dext, RunSuite],
            Status = AllureStatus.Passed,
            Description = RunDescription(check, rows),
            Start = start,
            Stop = stop,
            Labels = [Label.ParentSuite(check.Dext), Label.Suite(RunSuite), Label.Feature("check"), Label.Story("check run"),
                      Label.Severity(Severities.Normal), Label.Tag(Source), Label.Framework($"conformancekit {Source}"), Label.Language("C#"),
                      Label.Host(RunContext.Host), Label.Thread(Thread)],
            Parameters = parameters,
            Attachments =
            [
                results.Attach(CheckReachChart.AttachmentName, MimeTypes.Svg, Encoding.UTF8.GetBytes(CheckReachChart.For(check))),
                results.AttachFile($"{Path.GetFileName(jsonPath)} — check summary", jsonPath, MimeTypes.Json),
            ],
        };
    }

    static string RunDescription(CheckFile check, (string Rule, CheckFile.RowEntry Row)[] rows)
    {
        var text = new StringBuilder();
        text.Append($"`conformancekit check` of **{check.Dext}**: seed {check.Seed}, {check.Cases} cases per rule, {check.Transport} transport, {check.Variant} build, ");
        text.Append(check.AllHeld ? "every rule held.\n\n" : $"{check.Findings.Count} finding(s).\n\n");
        text.Append($"The picture *{CheckReachChart.AttachmentName}* (attached) draws this table: per row, programs run against programs that reached the dext, coloured by verdict.\n\n");
        text.Append("| rule | selector | verdict | programs | reached the dext | calls |\n|---|---|---|---:|---:|---:|\n");
        foreach (var (rule, row) in rows)
        {
            var selector = row.Selector is { } s ? SelectorLabel.Of(s, row.Name) : "any";
            text.Append($"| {rule} | {selector} | {CheckReachChart.StatusWord(row.Status)} | {Invariant(row.Programs)} | {Reached(row)} | ");
            text.Append($"{(row.Calls is { } calls ? Invariant(calls) : CheckReachChart.NotRecorded)} |\n");
        }
        return text.ToString();
    }

    /// <summary>"151 (100%)", or "not recorded" for a file written before check counted it.</summary>
    static string Reached(CheckFile.RowEntry row) => row.Reached is { } reached
        ? $"{Invariant(reached)}{(row.Programs > 0 ? $" ({CheckReachChart.Percent(reached, row.Programs)})" : "")}"
        : CheckReachChart.NotRecorded;

    /// <summary>What every result of a check shares: how it ran (transport and variant tracked for history, seed and cases shown).</summary>
    static Parameter[] RunParameters(CheckFile check) =>
    [
        Parameter.Tracked("transport", check.Transport),
        Parameter.Tracked("variant", check.Variant),
        Parameter.Informational("seed", Invariant(check.Seed)),
        Parameter.Informational("cases", Invariant(check.Cases)),
    ];

    static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}

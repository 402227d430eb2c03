using ConformanceKit.Reports.Allure.Conformance;
using ConformanceKit.Reports.Allure.Identity;
using ConformanceKit.Reports.Allure.Model;
using ConformanceKit.Reports.Allure.Writing;
using NUnit.Framework.Interfaces;

namespace ConformanceKit.Reports.NUnit;

/// <summary>Turns one finished NUnit test into an Allure result (writing its attachments on the way).</summary>
public static class NUnitResultBuilder
{
    /// <param name="startUtc">when the test started; default when unknown (then its result's start, or the stop)</param>
    public static AllureResult Build(ITest test, ITestResult result, DateTime startUtc, DateTime stopUtc, string thread, string? workDirectory,
        ResultsDirectory results)
    {
        var status = NUnitStatus.Map(result);
        var parameters = NUnitParameters.For(test);
        var fullName = test.FullName;
        var testCaseId = AllureIds.TestCaseId(fullName);
        if (startUtc == default) startUtc = result.StartTime == default ? stopUtc : result.StartTime;
        var start = Milliseconds(startUtc);
        return new AllureResult
        {
            Uuid = ResultsDirectory.NewUuid(),
            Name = test.Name,
            FullName = fullName,
            TestCaseId = testCaseId,
            HistoryId = AllureIds.HistoryId(testCaseId, parameters),
            TitlePath = NUnitLabels.TitlePath(test),
            Status = status,
            StatusDetails = Details(test, result, status),
            Description = Description(test),
            Start = start,
            Stop = Math.Max(start, Milliseconds(stopUtc)),
            Labels = NUnitLabels.For(test, thread),
            Parameters = parameters,
            Attachments = NUnitAttachments.For(result, workDirectory, results),
        };
    }

    static StatusDetails? Details(ITest test, ITestResult result, AllureStatus status)
    {
        if (status == AllureStatus.Passed && string.IsNullOrWhiteSpace(result.Message)) return null;
        var message = string.IsNullOrWhiteSpace(result.Message) ? $"Test {result.ResultState}" : result.Message.Trim();
        var rule = NUnitProperties.Get(test, NUnitProperties.Rule);
        var known = bool.TryParse(NUnitProperties.Get(test, NUnitProperties.Known), out var k) && k;
        if (status == AllureStatus.Failed && rule is not null && RuleFacts.IsRule(rule))
            message = FailureMessage.For(rule, known, message);
        return new StatusDetails
        {
            Message = message,
            Trace = string.IsNullOrWhiteSpace(result.StackTrace) ? null : result.StackTrace,
            Known = status == AllureStatus.Failed && known ? true : null,
        };
    }

    static string? Description(ITest test)
    {
        var parts = new List<string>();
        if (NUnitProperties.Description(test) is { Length: > 0 } description) parts.Add(description);
        if (NUnitProperties.Get(test, NUnitProperties.Rule) is { } rule && RuleFacts.IsRule(rule))
            parts.Add($"**{rule}**: {RuleFacts.Describe(rule)}.");
        return parts.Count == 0 ? null : string.Join("\n\n", parts);
    }

    public static long Milliseconds(DateTime time) =>
        new DateTimeOffset(DateTime.SpecifyKind(time, time.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : time.Kind)).ToUnixTimeMilliseconds();
}

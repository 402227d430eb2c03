using System.Text.Json;
using System.Text.RegularExpressions;
using ConformanceKit.Oracle;
using ConformanceKit.Reports.Allure.Conformance;
using ConformanceKit.Reports.Allure.Model;
using ConformanceKit.Reports.Allure.Writing;
using ConformanceKit.Targets;
using static ConformanceKit.Reports.Allure.Conformance.ConformanceCategories;

namespace ConformanceKit.Reports.Tests.Allure;

/// <summary>
/// Every failure lands in exactly the category a reviewer expects, under both readers' rules:
/// Allure 2 puts a result in every category whose status matches and whose regex matches the whole
/// message (CategoriesPlugin.matches: Pattern.DOTALL, matcher().matches()); Allure 3 takes the first
/// category whose regex is found in the message (core-api categories.ts, matchCategory).
/// </summary>
[TestFixture]
public class CategoriesTests
{
    static IEnumerable<TestCaseData> RuleFailures()
    {
        foreach (var rule in Rules.All)
        {
            var expected = RuleFacts.Family(rule) switch
            {
                "dispatch" or "selector" or "access" or "hid" or "spec" => DispatchViolations,
                "async" => AsyncViolations,
                "memory" or "objects" or "device" => MemorySafety,
                _ => "unmapped",
            };
            yield return new TestCaseData(AllureStatus.Failed, FailureMessage.For(rule, false, "observed 0x0\nexpected kIOReturnBadArgument")).Returns(expected).SetName($"new {rule} → {expected}");
            yield return new TestCaseData(AllureStatus.Failed, FailureMessage.For(rule, true, "AddressSanitizer: heap-buffer-overflow")).Returns(KnownVulnerable).SetName($"known {rule} → {KnownVulnerable}");
        }
        yield return new TestCaseData(AllureStatus.Failed, "Expected: 3\n But was: 2").Returns(HarnessErrors).SetName("a failed test of the harness itself");
        yield return new TestCaseData(AllureStatus.Broken, "System.IO.IOException : dexthost did not start").Returns(HarnessErrors).SetName("a broken test");
        yield return new TestCaseData(AllureStatus.Broken, "").Returns(HarnessErrors).SetName("a broken test without a message");
    }

    [TestCaseSource(nameof(RuleFailures))]
    public string AFailureFallsInExactlyOneCategory(AllureStatus status, string message)
    {
        var allure2 = All.Where(c => c.MatchedStatuses.Contains(status) && Regex.IsMatch(message, $"^(?:{c.MessageRegex})$")).Select(c => c.Name).ToArray();
        var allure3 = All.FirstOrDefault(c => c.MatchedStatuses.Contains(status) && Regex.IsMatch(message, c.MessageRegex!))?.Name;
        Assert.That(allure2, Has.Length.EqualTo(1), $"Allure 2 would file '{message}' under: {string.Join(", ", allure2)}");
        Assert.That(allure3, Is.EqualTo(allure2[0]), "Allure 2 and Allure 3 disagree");
        return allure3!;
    }

    [Test]
    public void PassedAndSkippedResultsAreInNoCategory() =>
        Assert.That(All.Where(c => c.MatchedStatuses.Contains(AllureStatus.Passed) || c.MatchedStatuses.Contains(AllureStatus.Skipped)), Is.Empty);

    [Test]
    public void TheFiveCategoriesOfTheIssueAreDefinedInReadingOrder() =>
        Assert.That(All.Select(c => c.Name), Is.EqualTo(new[] { KnownVulnerable, DispatchViolations, AsyncViolations, MemorySafety, HarnessErrors }));

    [Test]
    public void TheEmbeddedDefinitionIsReportsCategoriesJson()
    {
        var file = JsonSerializer.Deserialize<Category[]>(File.ReadAllText(Path.Combine(RepositoryLayout.Root, "reports", "categories.json")), AllureJson.Options);
        Assert.That(JsonSerializer.Serialize(All, AllureJson.Options), Is.EqualTo(JsonSerializer.Serialize(file, AllureJson.Options)));
    }

    [Test]
    public void EveryCategoryHasADescriptionForTheReviewer() =>
        Assert.That(All.Where(c => string.IsNullOrWhiteSpace(c.Description)).Select(c => c.Name), Is.Empty);
}

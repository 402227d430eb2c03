using System.Text.Json;
using ConformanceKit.Reports.Allure.Writing;
using ConformanceKit.Reports.NUnit;
using ConformanceKit.Reports.SampleSuite;
using ConformanceKit.Reports.Tests.Support;
using static ConformanceKit.Reports.Tests.Support.ResultsOnDisk;

namespace ConformanceKit.Reports.Tests.NUnit;

/// <summary>
/// The hook, run for real: reports/SampleSuite (one test per NUnit outcome, conformance-style cases,
/// an FsCheck property, a fixture whose OneTimeSetUp fails) goes through NUnit's runner with
/// ALLURE_RESULTS_DIR set, and every result it leaves is checked.
/// </summary>
[TestFixture, NonParallelizable]
public class NUnitHookTests
{
    TemporaryDirectory directory = null!;
    ResultsOnDisk results = null!;

    [OneTimeSetUp]
    public void RunTheSampleSuite()
    {
        directory = new TemporaryDirectory("hook");
        SampleSuiteRun.Run(directory.Combine("results"));
        results = new ResultsOnDisk(directory.Combine("results"));
    }

    [OneTimeTearDown]
    public void CleanUp() => directory.Dispose();

    [TestCase("Passes", "passed")]
    [TestCase("TakesAMoment", "passed")]
    [TestCase("FailsAnAssertion", "failed")]
    [TestCase("ThrowsAnException", "broken")]
    [TestCase("Inconclusive", "broken")]
    [TestCase("IgnoredAtRunTime", "skipped")]
    [TestCase("IgnoredByAttribute", "skipped")]
    [TestCase("First", "broken")]
    [TestCase("Second", "broken")]
    [TestCase("ReversingKeepsOrder", "failed")]
    [TestCase(SampleConformanceTests.Dext + " · memory.safety · 1 Struct", "passed")]
    [TestCase(SampleConformanceTests.Dext + " · dispatch.shape · 3 CheckedStruct", "failed")]
    public void EachOutcomeMapsToAlluresStatus(string test, string status) =>
        Assert.That(Status(results.Single(test)), Is.EqualTo(status));

    [Test]
    public void EveryTestThatRanIsRecordedOnceAndExplicitTestsThatDidNotRunAreNot()
    {
        var names = results.Results.Select(r => r.GetProperty("name").GetString()).ToArray();
        Assert.That(names, Is.Unique);
        Assert.That(names, Has.Length.EqualTo(14), string.Join(", ", names));
        Assert.That(names, Has.None.EqualTo("ExplicitNotRun"));
    }

    [Test]
    public void AFailureCarriesMessageAndTrace()
    {
        var details = results.Single("FailsAnAssertion").GetProperty("statusDetails");
        Assert.That(details.GetProperty("message").GetString(), Does.Contain("arithmetic").And.Contain("Expected: 3"));
        Assert.That(details.GetProperty("trace").GetString(), Does.Contain(nameof(SampleOutcomeTests.FailsAnAssertion)));
        var broken = results.Single("ThrowsAnException").GetProperty("statusDetails");
        Assert.That(broken.GetProperty("message").GetString(), Does.Contain("InvalidOperationException").And.Contain("the harness could not start"));
    }

    [Test]
    public void ASkippedTestSaysWhy() =>
        Assert.That(results.Single("IgnoredByAttribute").GetProperty("statusDetails").GetProperty("message").GetString(), Is.EqualTo("switched off"));

    [Test]
    public void AConformanceTestIsFiledByDextRuleAndSelector()
    {
        var result = results.Single(SampleConformanceTests.Dext + " · dispatch.shape · 3 CheckedStruct");
        Assert.Multiple(() =>
        {
            Assert.That(Label(result, "parentSuite"), Is.EqualTo(SampleConformanceTests.Dext));
            Assert.That(Label(result, "suite"), Is.EqualTo("dispatch.shape"));
            Assert.That(Label(result, "subSuite"), Is.EqualTo("3 CheckedStruct"));
            Assert.That(Label(result, "feature"), Is.EqualTo("conformance: dispatch"));
            Assert.That(Label(result, "story"), Is.EqualTo("dispatch.shape"));
            Assert.That(Label(result, "severity"), Is.EqualTo("critical"));
            Assert.That(Labels(result, "tag"), Does.Contain("conformance"));
            Assert.That(Label(result, "framework"), Is.EqualTo("NUnit"));
            Assert.That(Label(result, "language"), Is.EqualTo("C#"));
            Assert.That(Label(result, "host"), Is.EqualTo(Environment.MachineName));
            Assert.That(Label(result, "thread"), Does.Match(@"^\d+\.\d+$"));
            Assert.That(result.GetProperty("description").GetString(), Does.Contain("kIOReturnBadArgument"));
        });
    }

    [Test]
    public void AConformanceFailureIsPrefixedWithItsRuleSoItsCategoryIsFound() =>
        Assert.That(results.Single(SampleConformanceTests.Dext + " · dispatch.shape · 3 CheckedStruct").GetProperty("statusDetails").GetProperty("message").GetString(),
            Does.StartWith("[dispatch.shape] dispatch.shape broke (seed 7)"));

    [Test]
    public void TheSuitesRunSettingsAreParametersAndOnlyTransportAndVariantSplitHistory()
    {
        var result = results.Single(SampleConformanceTests.Dext + " · memory.safety · 1 Struct");
        var parameters = result.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.That(parameters.Keys, Is.EquivalentTo(new[] { "transport", "variant", "seed", "cases" }), "the dext folder argument is not a parameter");
        Assert.That(parameters["seed"].GetProperty("value").GetString(), Is.EqualTo("7"));
        Assert.That(parameters["seed"].GetProperty("excluded").GetBoolean(), Is.True);
        Assert.That(parameters["cases"].GetProperty("excluded").GetBoolean(), Is.True);
        Assert.That(parameters["transport"].TryGetProperty("excluded", out _), Is.False);
    }

    [Test]
    public void AParameterizedTestHasItsArgumentsAsParametersAndItsOwnHistory()
    {
        var one = results.Single("Parameterized(1,\"one\")");
        var two = results.Single("Parameterized(2,\"two\")");
        Assert.That(Parameter(one, "number"), Is.EqualTo("1"));
        Assert.That(Parameter(one, "name"), Is.EqualTo("one"));
        Assert.That(one.GetProperty("historyId").GetString(), Is.Not.EqualTo(two.GetProperty("historyId").GetString()));
    }

    [Test]
    public void TheTestOutputAndTheTestsAttachmentsAreAttached()
    {
        var result = results.Single(SampleConformanceTests.Dext + " · memory.safety · 1 Struct");
        var attachments = Attachments(result).ToDictionary(a => a.GetProperty("name").GetString()!);
        Assert.That(attachments.Keys, Is.EquivalentTo(new[]
        {
            "test output",
            "findings/memory.safety/reproducer.txt (replayable with `conformancekit replay`)",
            "findings/memory.safety/dext.log (the dext's log)",
        }));
        Assert.That(results.AttachmentText(attachments["test output"]), Does.Contain(SampleConformanceTests.Reproducer));
        Assert.That(results.AttachmentText(attachments["findings/memory.safety/reproducer.txt (replayable with `conformancekit replay`)"]), Is.EqualTo(SampleConformanceTests.Reproducer));
        Assert.That(attachments.Values.Select(a => a.GetProperty("type").GetString()), Has.All.EqualTo("text/plain"));
    }

    [Test]
    public void AFalsifiedFsCheckPropertyHasItsCounterexampleAttached()
    {
        var result = results.Single("ReversingKeepsOrder");
        var counterexample = Attachments(result).Single(a => a.GetProperty("name").GetString() == "FsCheck counterexample");
        // The property is random: its first counterexample may already be minimal (no "Shrunk:" part),
        // but FsCheck always reports the original one.
        Assert.That(results.AttachmentText(counterexample), Does.StartWith("Falsifiable").And.Contain("Original:"));
    }

    [Test]
    public void NUnitCategoriesAndDescriptionsAreKept()
    {
        var result = results.Single("Passes");
        Assert.That(Labels(result, "tag"), Does.Contain("sample"));
        Assert.That(result.GetProperty("description").GetString(), Is.EqualTo("passes and says so"));
        Assert.That(Label(result, "parentSuite"), Is.EqualTo("ConformanceKit.Reports.SampleSuite"));
        Assert.That(Label(result, "subSuite"), Is.EqualTo(nameof(SampleOutcomeTests)));
    }

    [Test]
    public void AFixtureWhoseOneTimeSetUpFailedHasAContainerWithTheBrokenSetUp()
    {
        var first = results.Single("First").GetProperty("uuid").GetString();
        var second = results.Single("Second").GetProperty("uuid").GetString();
        var container = results.Containers.Single(c => c.GetProperty("name").GetString()!.EndsWith(nameof(SampleBrokenSetUpTests), StringComparison.Ordinal));
        Assert.That(container.GetProperty("children").EnumerateArray().Select(c => c.GetString()), Is.EquivalentTo(new[] { first, second }));
        var before = container.GetProperty("befores").EnumerateArray().Single();
        Assert.That(before.GetProperty("name").GetString(), Is.EqualTo("OneTimeSetUp"));
        Assert.That(before.GetProperty("status").GetString(), Is.EqualTo("broken"));
        Assert.That(before.GetProperty("statusDetails").GetProperty("message").GetString(), Does.Contain("dexthost did not start"));
        Assert.That(results.Single("First").GetProperty("statusDetails").GetProperty("message").GetString(), Does.Contain("dexthost did not start"));
    }

    [Test]
    public void EveryRecordedTestBelongsToOneContainer()
    {
        var contained = results.Containers.SelectMany(c => c.GetProperty("children").EnumerateArray().Select(e => e.GetString())).ToArray();
        Assert.That(contained, Is.Unique);
        Assert.That(contained, Is.EquivalentTo(results.Results.Select(r => r.GetProperty("uuid").GetString())));
    }

    [Test]
    public void TimesAreUnixMillisecondsAroundTheRun()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var result in results.Results)
        {
            var start = result.GetProperty("start").GetInt64();
            var stop = result.GetProperty("stop").GetInt64();
            Assert.That(start, Is.InRange(now - 600_000, now), result.GetProperty("name").GetString());
            Assert.That(stop, Is.GreaterThanOrEqualTo(start));
        }
    }

    [Test]
    public void ATestsTimeSpansItsRun()
    {
        var timed = results.Single("TakesAMoment");
        var duration = timed.GetProperty("stop").GetInt64() - timed.GetProperty("start").GetInt64();
        Assert.That(duration, Is.GreaterThanOrEqualTo(SampleOutcomeTests.SleepMilliseconds));
    }

    [Test]
    public void CategoriesExecutorAndEnvironmentAreWritten()
    {
        var dir = directory.Combine("results");
        Assert.That(JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "categories.json"))).RootElement.GetArrayLength(), Is.EqualTo(5));
        Assert.That(JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "executor.json"))).RootElement.GetProperty("type").GetString(), Is.Not.Empty);
        Assert.That(File.ReadAllText(Path.Combine(dir, "environment.properties")), Does.Contain("dotnet=").And.Contain("os="));
    }

    [Test]
    public void HistoryIdsAreTheSameInTheNextRun()
    {
        using var again = new TemporaryDirectory("hook-again");
        SampleSuiteRun.Run(again.Combine("results"));
        var next = new ResultsOnDisk(again.Combine("results")).Results.ToDictionary(r => r.GetProperty("fullName").GetString()!, r => r.GetProperty("historyId").GetString());
        foreach (var result in results.Results)
            Assert.That(next[result.GetProperty("fullName").GetString()!], Is.EqualTo(result.GetProperty("historyId").GetString()), result.GetProperty("name").GetString());
    }

    [Test]
    public void WithoutTheVariableTheHookDoesNothing()
    {
        var previous = Environment.GetEnvironmentVariable(ResultsDirectory.Variable);
        try
        {
            Environment.SetEnvironmentVariable(ResultsDirectory.Variable, null);
            Assert.That(NUnitRecorder.ForEnvironment(), Is.Null);
            Environment.SetEnvironmentVariable(ResultsDirectory.Variable, "");
            Assert.That(NUnitRecorder.ForEnvironment(), Is.Null);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ResultsDirectory.Variable, previous);
        }
    }
}

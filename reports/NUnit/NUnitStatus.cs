using ConformanceKit.Reports.Allure.Model;
using NUnit.Framework.Interfaces;

namespace ConformanceKit.Reports.NUnit;

/// <summary>
/// NUnit outcome to Allure status, as Allure's own NUnit adapter maps it (allure-csharp,
/// src/Allure.NUnit/Core/AllureNUnitHelper.cs, GetNUnitStatus at commit 747c9b8): a failed assertion is
/// <c>failed</c> (the product is wrong); an exception, a failure without any assertion, an
/// inconclusive or warning result is <c>broken</c> (the test could not judge); ignored and explicit
/// tests are <c>skipped</c>. One addition: a failure in set-up, tear-down or a parent fixture's
/// OneTimeSetUp is <c>broken</c> too, since the test body never judged the product; and a property
/// FsCheck falsified is <c>failed</c>, though FsCheck.NUnit reports it with an exception.
/// </summary>
public static class NUnitStatus
{
    public static AllureStatus Map(ITestResult result) => result.ResultState.Status switch
    {
        TestStatus.Passed => AllureStatus.Passed,
        TestStatus.Skipped => AllureStatus.Skipped,
        TestStatus.Inconclusive or TestStatus.Warning => AllureStatus.Broken,
        TestStatus.Failed when IsFalsifiedProperty(result) => AllureStatus.Failed,
        TestStatus.Failed when IsBroken(result) => AllureStatus.Broken,
        _ => AllureStatus.Failed,
    };

    /// <summary>FsCheck.NUnit reports a falsified property by throwing, but a counterexample is a verdict, not a crash.</summary>
    static bool IsFalsifiedProperty(ITestResult result) =>
        result.Message?.StartsWith("Falsifiable", StringComparison.Ordinal) == true;

    static bool IsBroken(ITestResult result) =>
        result.ResultState.Site is FailureSite.Parent or FailureSite.SetUp or FailureSite.TearDown
        || result.AssertionResults.Count == 0
        || result.AssertionResults.Any(a => a.Status == AssertionStatus.Error);
}

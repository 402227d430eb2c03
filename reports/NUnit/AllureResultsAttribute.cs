using ConformanceKit.Reports.Allure.Writing;
using NUnit.Framework;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace ConformanceKit.Reports.NUnit;

/// <summary>
/// Put <c>[assembly: AllureResults]</c> in an NUnit test assembly to record each of its tests as an
/// Allure result in <c>$ALLURE_RESULTS_DIR</c>; without that variable it does nothing.
/// <para>
/// An action attribute rather than an engine extension because `dotnet test` runs NUnit through
/// NUnit3TestAdapter, which loads no engine extensions from the test assembly; actions run inside
/// the framework itself. Each test's result is written as soon as the test ends (a killed run keeps
/// what finished). As an assembly-level action it also runs once around the whole assembly; when
/// that ends, tests that never reached an action — children of a fixture whose OneTimeSetUp failed,
/// ignored tests — are recorded from NUnit's result tree, and a container is written per fixture.
/// </para>
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class AllureResultsAttribute : Attribute, ITestAction
{
    public ActionTargets Targets => ActionTargets.Test | ActionTargets.Suite;

    // Start times come from the test's execution context: NUnit sets ITestResult.StartTime only once
    // the test's work item completes, after every action has run, so the result has none yet here.
    public void BeforeTest(ITest test)
    {
    }

    public void AfterTest(ITest test)
    {
        if (Recorder is not { } recorder) return;
        var result = TestExecutionContext.CurrentContext.CurrentResult;
        try
        {
            if (!test.IsSuite) recorder.TestFinished(test, result, TestExecutionContext.CurrentContext.StartTime);
            else recorder.SuiteFinished(result);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Never turn a reporting problem into a test failure, but never lose it silently either.
            TestContext.Progress.WriteLine($"allure: could not record '{test.FullName}' in {Environment.GetEnvironmentVariable(ResultsDirectory.Variable)}: {e.Message}");
        }
    }

    static NUnitRecorder? Recorder => NUnitRecorder.ForEnvironment();
}

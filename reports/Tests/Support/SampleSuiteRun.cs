using ConformanceKit.Reports.Allure.Writing;
using NUnit.Framework.Api;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace ConformanceKit.Reports.Tests.Support;

/// <summary>
/// Runs reports/SampleSuite — a real NUnit assembly with [assembly: AllureResults] — through NUnit's
/// own runner (the one NUnit3TestAdapter drives under `dotnet test`), with ALLURE_RESULTS_DIR pointing
/// at the given directory, and returns NUnit's result tree.
/// </summary>
public static class SampleSuiteRun
{
    public static ITestResult Run(string resultsDirectory)
    {
        var previous = Environment.GetEnvironmentVariable(ResultsDirectory.Variable);
        Environment.SetEnvironmentVariable(ResultsDirectory.Variable, resultsDirectory);
        try
        {
            var runner = new NUnitTestAssemblyRunner(new DefaultTestAssemblyBuilder());
            // One worker thread of its own, so the sample's test contexts never mix with this test's.
            runner.Load(typeof(SampleSuite.SampleOutcomeTests).Assembly, new Dictionary<string, object>
            {
                ["NumberOfTestWorkers"] = 1,
                // Loading sets NUnit's process-wide default work directory, so hand it the one this run already
                // uses: anything else would move the outer tests' work directory too.
                ["WorkDirectory"] = TestContext.CurrentContext.WorkDirectory,
            });
            return runner.Run(TestListener.NULL, TestFilter.Empty);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ResultsDirectory.Variable, previous);
        }
    }
}

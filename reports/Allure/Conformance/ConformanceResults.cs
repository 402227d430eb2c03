using ConformanceKit.Reports.Allure.Writing;

namespace ConformanceKit.Reports.Allure.Conformance;

/// <summary>Opens a results directory for ConformanceKit results: every writer leaves the same categories and executor.</summary>
public static class ConformanceResults
{
    public static ResultsDirectory Open(string path) => Prepare(new ResultsDirectory(path));

    public static ResultsDirectory Prepare(ResultsDirectory directory)
    {
        directory.WriteCategories(ConformanceCategories.All);
        directory.WriteExecutor(RunContext.Executor());
        return directory;
    }
}

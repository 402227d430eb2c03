using ConformanceKit.Reports.Allure.Model;

namespace ConformanceKit.Reports.Allure.Conformance;

/// <summary>Where results come from: host and thread labels, and the executor (a local run or a CI build).</summary>
public static class RunContext
{
    public static string Host => Environment.MachineName;

    /// <summary>Process and managed thread, so the timeline separates parallel test assemblies and workers.</summary>
    public static string Thread => $"{Environment.ProcessId}.{Environment.CurrentManagedThreadId}";

    public static Executor Executor()
    {
        string? Get(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;
        if (Get("GITHUB_ACTIONS") == "true" && Get("GITHUB_RUN_ID") is { } runId)
        {
            var repository = $"{Get("GITHUB_SERVER_URL") ?? "https://github.com"}/{Get("GITHUB_REPOSITORY")}";
            return new Executor
            {
                Name = "GitHub Actions",
                Type = "github",
                Url = repository,
                BuildOrder = long.TryParse(Get("GITHUB_RUN_NUMBER"), out var number) ? number : null,
                BuildName = $"{Get("GITHUB_WORKFLOW")} #{Get("GITHUB_RUN_NUMBER")}",
                BuildUrl = $"{repository}/actions/runs/{runId}",
                ReportName = "ConformanceKit",
            };
        }
        return new Executor { Name = "ConformanceKit (local run)", Type = "local", BuildName = Host, ReportName = "ConformanceKit" };
    }
}

namespace ConformanceKit.Reports.Tests.Support;

/// <summary>Files under Tests/Fixtures, copied next to the test assembly.</summary>
public static class Fixtures
{
    /// <summary>`conformancekit check --json` of the sample NullDriver (known findings) or its hardened variant (every rule holds).</summary>
    public static string CheckJson(string dext) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "check", $"{dext}.json");

    /// <summary>
    /// Files an afl-fuzz instance left (OUT/afl/main/): <c>plot_data-4.04c</c> and <c>fuzzer_stats-4.04c</c>
    /// are afl-fuzz++4.04c's after a 30 s campaign against NullDriver (paths in fuzzer_stats shortened).
    /// </summary>
    public static string Afl(string file) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "afl", file);
}

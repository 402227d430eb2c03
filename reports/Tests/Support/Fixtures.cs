namespace ConformanceKit.Reports.Tests.Support;

/// <summary>Files under Tests/Fixtures, copied next to the test assembly.</summary>
public static class Fixtures
{
    /// <summary>`conformancekit check --json` of the sample NullDriver (known findings) or its hardened variant (every rule holds).</summary>
    public static string CheckJson(string dext) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "check", $"{dext}.json");
}

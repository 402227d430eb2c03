using ConformanceKit.Runner;

namespace ConformanceKit.Properties.Tests.Support;

/// <summary>Keeps each finding's reproducer, log and sanitizer report next to the test result.</summary>
public static class SuiteArtifacts
{
    public static void Attach(Finding finding, string reproducer)
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "findings", finding.SignatureHash);
        Directory.CreateDirectory(folder);
        Save(folder, "reproducer.txt", reproducer, "replayable with `conformancekit replay`");
        if (finding.DextLog.Length > 0) Save(folder, "dext.log", finding.DextLog, "the dext's log");
        if (finding.SanitizerReport is { } report) Save(folder, "sanitizer.txt", report, "sanitizer report");
    }

    static void Save(string folder, string name, string text, string description)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        TestContext.AddTestAttachment(path, description);
    }
}

using ConformanceKit.Reports.Allure.Model;
using ConformanceKit.Reports.Allure.Writing;
using NUnit.Framework.Interfaces;

namespace ConformanceKit.Reports.NUnit;

/// <summary>
/// What a reviewer needs next to a result: the test's output (the conformance suite prints each
/// finding's minimal reproducer there), every file the test attached with TestContext.AddTestAttachment
/// (the suite attaches reproducer.txt, dext.log and sanitizer.txt per finding), and FsCheck's
/// counterexample when a property failed.
/// </summary>
public static class NUnitAttachments
{
    public static IReadOnlyList<Attachment> For(ITestResult result, string? workDirectory, ResultsDirectory results)
    {
        var attachments = new List<Attachment>();
        if (!string.IsNullOrWhiteSpace(result.Output))
            attachments.Add(results.AttachText("test output", result.Output));

        foreach (var file in result.TestAttachments)
        {
            if (!File.Exists(file.FilePath)) continue;
            attachments.Add(results.AttachFile(NameOf(file.FilePath, file.Description, workDirectory), file.FilePath));
        }

        // FsCheck.NUnit reports a falsified property as "Falsifiable, after N tests ... Original: ... Shrunk: ...".
        if (result.Message is { } message && message.Contains("Falsifiable", StringComparison.Ordinal))
            attachments.Add(results.AttachText("FsCheck counterexample", message));
        return attachments;
    }

    /// <summary>The file's path under the test's work directory (findings/&lt;hash&gt;/reproducer.txt), with its description.</summary>
    static string NameOf(string path, string? description, string? workDirectory)
    {
        var name = workDirectory is not null && Path.GetFullPath(path).StartsWith(Path.GetFullPath(workDirectory) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? Path.GetRelativePath(workDirectory, path)
            : Path.GetFileName(path);
        return string.IsNullOrWhiteSpace(description) ? name : $"{name} ({description})";
    }
}

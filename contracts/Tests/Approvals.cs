using ConformanceKit.Testing;

namespace ConformanceKit.Contracts.Tests;

/// <summary>Where the approved JSON of each file format is kept, and the check that a file still has it.</summary>
public static class Approvals
{
    public static string PathOf(string name) => JsonShape.Approved(name);

    /// <summary>Set to 1, the approved files are rewritten from what the writers write now (review the diff, then commit it).</summary>
    public const string ApproveVariable = "CK_APPROVE";

    /// <param name="values">Compare values too (a fixed sample), not only names, order and kinds (a file a real run wrote).</param>
    public static void AssertMatches(string name, string json, bool values)
    {
        var approved = PathOf(name);
        if (values && Environment.GetEnvironmentVariable(ApproveVariable) == "1") File.WriteAllText(approved, json);
        var differences = JsonShape.Differences(approved, json, values);
        Assert.That(differences, Is.Empty, JsonShape.Report(approved, differences));
    }
}

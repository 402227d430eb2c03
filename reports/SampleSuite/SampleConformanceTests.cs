namespace ConformanceKit.Reports.SampleSuite;

/// <summary>Test cases shaped like properties/Tests' conformance suite: the same NUnit properties, output and attachments.</summary>
[TestFixture]
public class SampleConformanceTests
{
    public const string Dext = "SampleDext";
    public const string Reproducer = "# conformancekit program v1\nopen c0\ncall c0 1 in=00  # Struct\n";

    public static IEnumerable<TestCaseData> Targets()
    {
        yield return Case("memory.safety", "1 Struct", holds: true);
        yield return Case("dispatch.shape", "3 CheckedStruct", holds: false);
    }

    static TestCaseData Case(string rule, string selector, bool holds) =>
        new TestCaseData(rule, holds)
            .SetName($"{Dext} · {rule} · {selector}")
            .SetProperty("dext", Dext)
            .SetProperty("rule", rule)
            .SetProperty("selector", selector)
            .SetProperty("transport", "inproc")
            .SetProperty("variant", "release")
            .SetProperty("seed", "7")
            .SetProperty("cases", "10");

    [TestCaseSource(nameof(Targets))]
    public void RuleHolds(string rule, bool holds)
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "findings", rule);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "reproducer.txt"), Reproducer);
        File.WriteAllText(Path.Combine(folder, "dext.log"), "NullDriver: Struct called with 1 byte\n");
        TestContext.AddTestAttachment(Path.Combine(folder, "reproducer.txt"), "replayable with `conformancekit replay`");
        TestContext.AddTestAttachment(Path.Combine(folder, "dext.log"), "the dext's log");
        TestContext.Out.WriteLine(Reproducer);
        Assert.That(holds, Is.True, $"{rule} broke (seed 7)");
    }
}

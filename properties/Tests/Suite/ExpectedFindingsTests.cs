using ConformanceKit.Properties.Engine;
using ConformanceKit.Properties.Tests.Support;
using ConformanceKit.Targets;

namespace ConformanceKit.Properties.Tests.Suite;

/// <summary>
/// Tests of the suite itself: against the sample NullDriver it must report exactly the known-vulnerable
/// paths (rule, selector and kind), against the hardened variant nothing. A property that gets weaker,
/// or an oracle that starts crying wolf, fails here.
/// </summary>
[TestFixture]
[NonParallelizable]
public class ExpectedFindingsTests
{
    static string Dext(string name) => Path.Combine(RepositoryLayout.Root, "dext", name);

    static string[] Findings(string dext)
    {
        var session = SuiteSessions.For(Dext(dext));
        var report = ConformanceCheck.Run(session.Spec, session.Transport, session.Variant, new CheckOptions(SuiteSettings.Seed, SuiteSettings.Cases));
        foreach (var finding in report.Findings) TestContext.Out.WriteLine(finding.Reproducer(session.Spec.SelectorName));
        return report.Findings.Select(Describe).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>rule@selector:kind, with a sanitizer kind cut to its bug type and the dext's top frame.</summary>
    static string Describe(Runner.Finding f)
    {
        var kind = f.Violation.Kind;
        var at = kind.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0) kind = kind[..at] + "@" + kind[(at + 1)..].Split('<')[0];
        return $"{f.Rule}@{f.Selector?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}:{kind}";
    }

    [Test]
    public void SampleShowsExactlyItsKnownVulnerablePaths()
    {
        string[] expected =
        [
            "async.delivery@4:missing-completion",
            "async.delivery@5:missing-completion",
            "memory.safety@1:heap-buffer-overflow-read@NullDriver::HandleExternalStruct",
            "memory.safety@1:heap-buffer-overflow-write@NullDriver::HandleExternalStruct",
            "objects.balance@-:leak:OSAction",
        ];
        // Without ASan an out-of-bounds access of a few bytes corrupts silently: only the ASan build
        // (the default) can be held to the memory-safety findings.
        if (!SuiteSettings.Variant.Contains("asan", StringComparison.Ordinal))
            expected = expected.Where(e => !e.StartsWith("memory.safety", StringComparison.Ordinal)).ToArray();
        Assert.That(Findings("NullDriver"), Is.EqualTo(expected));
    }

    [Test]
    public void HardenedVariantHoldsEveryRule() => Assert.That(Findings("NullDriverHardened"), Is.Empty);
}

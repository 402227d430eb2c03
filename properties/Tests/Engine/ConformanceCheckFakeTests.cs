using ConformanceKit.Properties.Engine;
using ConformanceKit.Spec;
using ConformanceKit.Testing;

namespace ConformanceKit.Properties.Tests.Engine;

/// <summary>The engine against the managed NullDriver model: fast, and independent of native builds.</summary>
public class ConformanceCheckFakeTests
{
    static DispatchSpec Spec => SpecLoader.LoadFile(Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../../dext/NullDriver/spec.yaml")) with { BundleIdentifier = FakeNullDriver.Identifier };

    static string[] Found(CheckReport report) =>
        report.Findings.Select(f => $"{f.Rule}@{f.Selector?.ToString() ?? "-"}:{f.Violation.Kind}").Order(StringComparer.Ordinal).ToArray();

    [Test]
    public void SampleModelShowsTheKnownFindings()
    {
        var report = ConformanceCheck.Run(Spec, new FakeNullDriver(hardened: false), "fake", new CheckOptions(Seed: 7, Cases: 50));
        TestContext.Out.WriteLine(string.Join("\n", report.Findings.Select(f => f.Reproducer())));
        TestContext.Out.WriteLine($"{report.Duration}");
        Assert.That(Found(report), Is.EqualTo(new[]
        {
            "async.delivery@4:missing-completion",
            "async.delivery@5:missing-completion",
            "memory.safety@1:heap-buffer-overflow-read@NullDriver::HandleExternalStruct",
            "memory.safety@1:heap-buffer-overflow-write@NullDriver::HandleExternalStruct",
            "objects.balance@-:leak:OSAction",
        }));
    }

    [Test]
    public void HardenedModelHoldsEveryRule()
    {
        var report = ConformanceCheck.Run(Spec, new FakeNullDriver(hardened: true), "fake", new CheckOptions(Seed: 7, Cases: 50));
        TestContext.Out.WriteLine(string.Join("\n", report.Findings.Select(f => f.Reproducer())));
        Assert.That(Found(report), Is.Empty);
    }
}

using ConformanceKit.IOKit;
using ConformanceKit.Properties.Engine;
using ConformanceKit.Spec;
using ConformanceKit.Testing;
using ConformanceKit.Transports;

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

    /// <summary>
    /// A failure that does not come back once shrunk (a dext whose bug shows only after an earlier
    /// program, as VirtualController's over-released provider does at the runtime's reset) is kept as
    /// first observed — the check neither loses it nor stops with "a shrunk program stopped failing".
    /// </summary>
    [Test]
    public void AFailureThatDoesNotComeBackWhenShrunkIsKeptAsObserved()
    {
        var report = ConformanceCheck.Run(Spec, new FailsOnce(new FakeNullDriver(hardened: true), selector: 2), "fake", new CheckOptions(Seed: 7, Cases: 20),
            include: target => target.Rule == "dispatch.accept" && target.Selector?.Selector == 2);
        Assert.That(Found(report), Is.EqualTo(new[] { "dispatch.accept@2:accept" }));
    }

    /// <summary>The hardened model, but the first call of one selector answers kIOReturnError: a failure that never comes back.</summary>
    sealed class FailsOnce(FakeNullDriver inner, uint selector) : TransportDecorator(inner)
    {
        bool _failed;

        public override CallResult Call(ulong connection, uint called, ReadOnlySpan<ulong> asyncReference, ReadOnlySpan<ulong> scalarInput,
            ReadOnlySpan<byte> structInput, Span<ulong> scalarOutput, Span<byte> structOutput)
        {
            var result = base.Call(connection, called, asyncReference, scalarInput, structInput, scalarOutput, structOutput);
            if (called != selector || _failed || result.Return != IOReturn.Success) return result;
            _failed = true;
            return result with { Return = IOReturn.Error };
        }
    }
}

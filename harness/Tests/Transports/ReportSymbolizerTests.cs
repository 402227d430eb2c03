using System.Text.RegularExpressions;
using ConformanceKit.Programs;
using ConformanceKit.Runner;
using ConformanceKit.Targets;
using ConformanceKit.Transports.Socket;

namespace ConformanceKit.Tests.Transports;

/// <summary>
/// dexthost runs without symbolizing and the harness symbolizes its reports (ReportSymbolizer): the
/// report must read as one ASan symbolized — every frame named, inlined frames each on their own line,
/// numbered from 0 without gaps — and sign the same.
/// </summary>
[TestFixture]
[NonParallelizable]
public class ReportSymbolizerTests
{
    [Test]
    public void ACrashReportReadsAsAsanSymbolizedIt()
    {
        Assume.That(HostEnvironment.FindSymbolizer(), Is.Not.Null, "llvm-symbolizer is installed by run.sh");
        var target = DextTarget.Resolve(Path.Combine(RepositoryLayout.Root, "dext", "NullDriver"));
        target.Build(DextVariant.Asan);
        using var transport = new SocketTransport(target.HostPath(DextVariant.Asan), TimeSpan.FromSeconds(5));
        var result = new ProgramRunner(target.LoadSpec(), transport).Run(ProgramText.Parse("open c0\ncall c0 1 in=01 struct_out=16\n"));

        var report = result.Crash!.Report;
        var stack = Regex.Matches(report[..report.IndexOf("\n\n", StringComparison.Ordinal)], @"(?m)^\s*#(\d+) 0x[0-9a-f]+ (.*)$");
        Assert.Multiple(() =>
        {
            Assert.That(stack.Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)), Is.EqualTo(Enumerable.Range(0, stack.Count)),
                "frames numbered from 0 without gaps, inlined ones included");
            Assert.That(stack[0].Groups[2].Value, Does.Match(@"^in NullDriver::HandleExternalStruct\(IOUserClientMethodArguments\*\) .*/dext/NullDriver/NullDriver\.cpp:\d+:\d+$"));
            Assert.That(stack.Select(m => m.Groups[2].Value), Has.Some.StartsWith("in void dksim::Runtime::runAs<"), "the frame inlined into CallMethod has its own line");
            Assert.That(report, Does.Match(@"(?m)^SUMMARY: AddressSanitizer: heap-buffer-overflow .*/NullDriver\.cpp:\d+:\d+ in NullDriver::HandleExternalStruct"));
            Assert.That(report, Does.Not.Match(@"(?m)^\s*#\d+ 0x[0-9a-f]+  \(.*libNullDriver\.so\+"), "no frame of the dext left unsymbolized");
        });
        Assert.That(result.Violations.Single().Kind, Is.EqualTo("heap-buffer-overflow-read@NullDriver::HandleExternalStruct<NullDriver::ExternalMethod"));
    }

    [Test]
    public void AReportWithoutUnsymbolizedFramesIsLeftAsItIs()
    {
        const string report = "==1==ERROR: AddressSanitizer: SEGV on unknown address\n    #0 0x5555 in main /src/a.cpp:3:1\n";
        Assert.That(ReportSymbolizer.Symbolize(report), Is.SameAs(report));
    }
}

using ConformanceKit.Transports.Socket;

namespace ConformanceKit.Tests.Transports;

public class CrashSummaryTests
{
    [Test]
    public void AsanReportGivesToolAndBugType() =>
        Assert.That(CrashSummary.From("""
            =================================================================
            ==4242==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x602000000011 at pc 0x7f bp 0x7f sp 0x7f
            READ of size 8 at 0x602000000011 thread T0
            """, 1, null), Is.EqualTo("AddressSanitizer: heap-buffer-overflow"));

    [Test]
    public void AsanSegvKeepsItsName() =>
        Assert.That(CrashSummary.From("==7==ERROR: AddressSanitizer: SEGV on unknown address 0x000000000000", 1, null),
            Is.EqualTo("AddressSanitizer: SEGV"));

    [Test]
    public void UbsanReportGivesTheRuntimeErrorLine() =>
        Assert.That(CrashSummary.From("NullDriver.cpp:120:9: runtime error: load of null pointer of type 'uint64_t'\n    #0 0x1 in f\n", 1, null),
            Is.EqualTo("runtime error: load of null pointer of type 'uint64_t'"));

    [Test]
    public void HostErrorLineWhenNoSanitizerSpoke() =>
        Assert.That(CrashSummary.From("dexthost: dropping the client: unknown op 99\n", 1, null),
            Is.EqualTo("dexthost: dropping the client: unknown op 99"));

    [Test]
    public void OtherwiseHowTheProcessEnded()
    {
        Assert.That(CrashSummary.From("", null, 11), Is.EqualTo("signal 11"));
        Assert.That(CrashSummary.From("some noise\n", 3, null), Is.EqualTo("exit 3"));
    }
}

using ConformanceKit.Transports.Socket;

namespace ConformanceKit.Tests.Transports;

/// <summary>The fork server's line about a copy's end (PROTOCOL.md "Fork server"), as the harness reads it.</summary>
public class SessionEndTests
{
    const string Report = "==7==ERROR: AddressSanitizer: heap-buffer-overflow\nSUMMARY: AddressSanitizer: heap-buffer-overflow\n";

    [Test]
    public void AnExitStatusEndsTheCopysReport()
    {
        Assert.That(SessionEnd.TryFind(Report + "dexthost: session 4242 ended: exit status 1\n", 4242, out var before, out var code, out var signal), Is.True);
        Assert.That((before, code, signal), Is.EqualTo((Report, (int?)1, (int?)null)));
    }

    [Test]
    public void ASignalIsReadAsOne()
    {
        Assert.That(SessionEnd.TryFind("dexthost: session 77 ended: signal 11\n", 77, out var before, out var code, out var signal), Is.True);
        Assert.That((before, code, signal), Is.EqualTo(("", (int?)null, (int?)11)));
    }

    [Test]
    public void AnotherCopysLineIsNotThisOnes()
    {
        Assert.That(SessionEnd.TryFind("dexthost: session 12 ended: exit status 0\n" + Report, 120, out var before, out var code, out var signal), Is.False);
        Assert.That((code, signal), Is.EqualTo(((int?)null, (int?)null)));
        Assert.That(before, Does.EndWith(Report), "without the line, everything is the report");
    }

    [Test]
    public void ALineInsideTheDextsOwnOutputDoesNotCount() =>
        Assert.That(SessionEnd.TryFind("log: dexthost: session 5 ended: exit status 0\n", 5, out _, out _, out _), Is.False);
}

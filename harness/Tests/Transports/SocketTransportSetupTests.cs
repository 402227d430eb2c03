using ConformanceKit.Transports;
using ConformanceKit.Transports.Socket;

namespace ConformanceKit.Tests.Transports;

/// <summary>A host that cannot serve is a setup error with one readable line, not a crash finding.</summary>
public class SocketTransportSetupTests
{
    [Test]
    public void MissingHostNamesThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-dir", "dexthost");
        var error = Assert.Throws<TransportSetupException>(() => new SocketTransport(path, TimeSpan.FromSeconds(5)))!;
        Assert.That(error.Message, Does.StartWith($"dexthost not found: {path}"));
    }

    [Test]
    public void HostThatExitsBeforeServingIsReportedWithItsStatus()
    {
        var error = Assert.Throws<TransportSetupException>(() => new SocketTransport("/bin/false", TimeSpan.FromSeconds(5)))!;
        Assert.That(error.Message, Is.EqualTo("/bin/false exited with 1 before serving"));
    }

    [Test]
    public void TimeoutMustBePositive() =>
        Assert.That(Assert.Throws<TransportSetupException>(() => new SocketTransport("/bin/false", TimeSpan.Zero))!.Message,
            Is.EqualTo("the per-call timeout must be more than 0 and at most 1 day; got 0 ms"));
}

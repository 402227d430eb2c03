using ConformanceKit.IOKit;
using ConformanceKit.Targets;
using ConformanceKit.Transports;
using ConformanceKit.Transports.Socket;

namespace ConformanceKit.Tests.Transports;

/// <summary>A host that stops answering (here: stopped with SIGSTOP) is killed after the per-call timeout.</summary>
public class SocketTransportHangTests
{
    static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(500);

    [Test]
    public void StoppedHostIsKilledAfterTheTimeoutAndReplaced()
    {
        using var transport = new SocketTransport(NullDriverBuilds.HostPath(DextVariant.Release), Timeout);
        Assert.That(transport.Open("NullDriver", 0, [], out var connection), Is.EqualTo(IOReturn.Success));
        var stopped = transport.HostProcessId!.Value;
        Assert.That(Libc.Kill(stopped, Libc.SigStop), Is.Zero);

        var started = DateTime.UtcNow;
        var hang = Assert.Throws<DextHungException>(() => transport.Call(connection, 3, [], [], new byte[16], [], new byte[16]))!;
        var waited = DateTime.UtcNow - started;
        Assert.Multiple(() =>
        {
            Assert.That(hang.Timeout, Is.EqualTo(Timeout));
            Assert.That(waited, Is.GreaterThanOrEqualTo(Timeout - TimeSpan.FromMilliseconds(50)));
            Assert.That(Exists(stopped), Is.False, "the stopped host was killed");
        });

        Assert.That(transport.CountMatching("NullDriver"), Is.EqualTo(1));
        Assert.That(transport.HostStarts, Is.EqualTo(2));
    }

    static bool Exists(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

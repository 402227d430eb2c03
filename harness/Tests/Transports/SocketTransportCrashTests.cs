using ConformanceKit.IOKit;
using ConformanceKit.Runner;
using ConformanceKit.Targets;
using ConformanceKit.Tests.Support;
using ConformanceKit.Transports;
using ConformanceKit.Transports.Socket;

namespace ConformanceKit.Tests.Transports;

/// <summary>
/// A dext that dies under ASan: NullDriver's unchecked Struct selector (1) reads 16 bytes of a 1-byte
/// input. The transport reports the sanitizer's verdict and carries on with a new copy of the host.
/// </summary>
public class SocketTransportCrashTests
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    static DextCrashedException Crash(SocketTransport transport, out ulong connection)
    {
        Assert.That(transport.Open("NullDriver", 0, [], out connection), Is.EqualTo(IOReturn.Success));
        var handle = connection;
        return Assert.Throws<DextCrashedException>(() => transport.Call(handle, 1, [], [], [0x41], [], new byte[16]))!;
    }

    [Test]
    public void OutOfBoundsReadIsReportedWithTheSanitizersVerdict()
    {
        using var transport = new SocketTransport(NullDriverBuilds.HostPath(DextVariant.Asan), Timeout);
        var crash = Crash(transport, out _);
        Assert.Multiple(() =>
        {
            Assert.That(crash.Summary, Is.EqualTo("AddressSanitizer: heap-buffer-overflow"));
            Assert.That(crash.Report, Does.Contain("READ of size"));
            Assert.That(crash.Report, Does.Contain("HandleExternalStruct"), "the report is symbolized");
            Assert.That(crash.ExitCode, Is.EqualTo(1), "halt_on_error without abort: ASan's exit status");
            Assert.That(crash.Signal, Is.Null);
        });
    }

    [Test]
    public void NextCallStartsAFreshBootedHost()
    {
        using var transport = new SocketTransport(NullDriverBuilds.HostPath(DextVariant.Asan), Timeout);
        var firstHost = transport.HostProcessId;
        Crash(transport, out var stale);
        Assert.That(transport.HostProcessId, Is.Null, "no host between the crash and the next call");

        Assert.That(transport.CountMatching("NullDriver"), Is.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(transport.HostStarts, Is.EqualTo(2));
            Assert.That(transport.HostProcessId, Is.Not.EqualTo(firstHost));
            Assert.That(transport.Now, Is.Zero, "virtual clock from 0");
            Assert.That(transport.Close(stale), Is.EqualTo(IOReturn.NotOpen), "connections died with the old host");
        });
        Assert.That(transport.Open("NullDriver", 0, [], out var connection), Is.EqualTo(IOReturn.Success));
        var output = new byte[16];
        Assert.That(transport.Call(connection, 3, [], [], new byte[16], [], output).Return, Is.EqualTo(IOReturn.Success));
    }

    [Test]
    public void EachCrashCostsACopyOfTheOneServer()
    {
        using var transport = new SocketTransport(NullDriverBuilds.HostPath(DextVariant.Asan), Timeout);
        var server = ParentOf(transport.HostProcessId!.Value);
        Crash(transport, out _);
        var second = Crash(transport, out _);
        Assert.That(transport.CountMatching("NullDriver"), Is.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(ParentOf(transport.HostProcessId!.Value), Is.EqualTo(server), "the third copy comes from the first server");
            Assert.That(transport.HostStarts, Is.EqualTo(3));
            Assert.That(second.Report.Split("ERROR: AddressSanitizer").Length - 1, Is.EqualTo(1), "the second report is the second copy's alone");
            Assert.That(second.Report, Does.Not.Contain(SessionEnd.Prefix), "the server's lines are not part of a report");
            Assert.That(second.ExitCode, Is.EqualTo(1));
        });
    }

    [Test]
    public void AServerKilledFromOutsideIsStartedAgain()
    {
        using var transport = new SocketTransport(NullDriverBuilds.HostPath(DextVariant.Asan), Timeout);
        var server = ParentOf(transport.HostProcessId!.Value);
        Assert.That(Libc.Kill(server, Libc.SigKill), Is.Zero);
        // The copy serves on without its server; its crash is reported without the server's end line.
        var crash = Crash(transport, out _);
        Assert.That(crash.Summary, Is.EqualTo("AddressSanitizer: heap-buffer-overflow"));
        Assert.That(transport.CountMatching("NullDriver"), Is.EqualTo(1), "a new server serves the next call");
        Assert.That(ParentOf(transport.HostProcessId!.Value), Is.Not.EqualTo(server));
    }

    /// <summary>The parent's process id, from /proc/PID/stat (the field after the command's closing parenthesis).</summary>
    static int ParentOf(int processId)
    {
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Test]
    public void RunnerTurnsTheCrashIntoAStableMemorySafetyFinding()
    {
        using var transport = new SocketTransport(NullDriverBuilds.HostPath(DextVariant.Asan), Timeout);
        var runner = new ProgramRunner(Specs.NullDriver, transport);
        var result = runner.Run(P.Program("open c0\ncall c0 1 in=01 struct_out=16\ncall c0 3 in=u64:1,2 struct_out=16\n"));
        Assert.That(result.Violations.Select(v => $"{v.Rule}@{v.Selector}:{v.Kind}"),
            Is.EqualTo(new[] { "memory.safety@1:heap-buffer-overflow-read@NullDriver::HandleExternalStruct<NullDriver::ExternalMethod" }));
        Assert.That(result.Crash!.StepIndex, Is.EqualTo(1));

        var next = runner.Run(P.Program("open c0\ncall c0 3 in=u64:1,2 struct_out=16\nclose c0\n"));
        Assert.That(next.Violations, Is.Empty, "the following run gets a working host");
    }
}

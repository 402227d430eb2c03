using ConformanceKit.IOKit;
using ConformanceKit.Runner;
using ConformanceKit.Targets;
using ConformanceKit.Tests.Support;
using ConformanceKit.Transports;
using ConformanceKit.Transports.InProcess;
using ConformanceKit.Transports.Socket;

namespace ConformanceKit.Tests.Transports;

/// <summary>The socket transport against NullDriver's real release host.</summary>
public class SocketTransportTests
{
    const ulong Second = 1_000_000_000;
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    SocketTransport _transport = null!;

    [SetUp]
    public void Start() => _transport = new SocketTransport(NullDriverBuilds.HostPath(DextVariant.Release), Timeout);

    [TearDown]
    public void Stop() => _transport.Dispose();

    ulong OpenNullDriver()
    {
        Assert.That(_transport.Open("NullDriver", 0, [], out var connection), Is.EqualTo(IOReturn.Success));
        return connection;
    }

    static ulong[] Words(ReadOnlySpan<byte> bytes) => [BitConverter.ToUInt64(bytes[..8]), BitConverter.ToUInt64(bytes[8..16])];

    static byte[] Bytes(ulong foo, ulong bar) => [.. BitConverter.GetBytes(foo), .. BitConverter.GetBytes(bar)];

    [Test]
    public void DescribesTheHostedDext()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_transport.Kind, Is.EqualTo(TransportKind.Socket));
            Assert.That(_transport.DextIdentifier, Is.EqualTo("com.example.NullDriver"));
            Assert.That(_transport.HasCoverage, Is.False);
            Assert.That(_transport.CoverageEdges, Is.Zero);
            Assert.That(_transport.Now, Is.Zero, "a fresh host runs on the virtual clock from 0");
            Assert.That(_transport.CountMatching("NullDriver"), Is.EqualTo(1));
            Assert.That(_transport.CountMatching("Nothing"), Is.Zero);
        });
    }

    [Test]
    public void ScalarCallFillsTheOutputAndReturnsItsCount()
    {
        var connection = OpenNullDriver();
        var input = Enumerable.Range(0, 16).Select(k => (ulong)k * 7).ToArray();
        var output = new ulong[16];
        var result = _transport.Call(connection, 0, [], input, [], output, []);
        Assert.That(result, Is.EqualTo(new CallResult(IOReturn.Success, 16, 0)));
        Assert.That(output, Is.EqualTo(input.Select(v => v + 1)));
    }

    [Test]
    public void MoreThanSixteenScalarsFailBeforeTheDext()
    {
        var connection = OpenNullDriver();
        var result = _transport.Call(connection, 2, [], new ulong[17], [], new ulong[16], []);
        Assert.That(result.Return, Is.EqualTo(IOReturn.MigArrayTooLarge));
    }

    [Test]
    public void StructCallReturnsItsSizeAndBytes()
    {
        var connection = OpenNullDriver();
        var output = new byte[16];
        var result = _transport.Call(connection, 3, [], [], Bytes(1, 2), [], output);
        Assert.That(result, Is.EqualTo(new CallResult(IOReturn.Success, 0, 16)));
        Assert.That(Words(output), Is.EqualTo(new ulong[] { 2, 12 }));
    }

    [Test]
    public void AsyncCompletionArrivesAfterTheVirtualDelay()
    {
        var connection = OpenNullDriver();
        ulong[] reference = [0, 0xCA11, 42, 0, 0, 0, 0, 0];
        var output = new byte[16];
        var result = _transport.Call(connection, 4, reference, [], Bytes(5, 6), [], output);
        Assert.That(result.Return, Is.EqualTo(IOReturn.Success));

        var arrived = new List<AsyncCompletion>();
        _transport.Wait(4 * Second);
        _transport.TakeCompletions(connection, arrived);
        Assert.That(arrived, Is.Empty);
        _transport.Wait(4 * Second);
        _transport.TakeCompletions(connection, arrived);
        Assert.That(arrived, Has.Count.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(arrived[0].Callback, Is.EqualTo(0xCA11));
            Assert.That(arrived[0].Refcon, Is.EqualTo(42));
            Assert.That(arrived[0].Status, Is.EqualTo(IOReturn.Success));
            Assert.That(arrived[0].Arguments, Is.EqualTo(new ulong[] { 2, 6, 16 }));
            Assert.That(arrived[0].TimeNs, Is.InRange(5 * Second, 7 * Second));
        });
    }

    [Test]
    public void ObservesLiveObjectsAndLogs()
    {
        var before = _transport.LiveObjects()["NullDriver"];
        var connection = OpenNullDriver();
        Assert.That(_transport.LiveObjects()["NullDriver"], Is.EqualTo(before + 1), "the sample's user client is a NullDriver");
        Assert.That(_transport.ReadLog(connection), Does.Contain("NewUserClient"));
        Assert.That(_transport.Close(connection), Is.EqualTo(IOReturn.Success));
        Assert.That(_transport.Close(connection), Is.EqualTo(IOReturn.NotOpen));
        Assert.That(_transport.LiveObjects()["NullDriver"], Is.EqualTo(before));
    }

    [Test]
    public void ResetClosesConnectionsAndRewindsTheClock()
    {
        var connection = OpenNullDriver();
        _transport.Wait(3 * Second);
        _transport.Reset();
        Assert.Multiple(() =>
        {
            Assert.That(_transport.Now, Is.Zero);
            Assert.That(_transport.Close(connection), Is.EqualTo(IOReturn.NotOpen));
            Assert.That(_transport.CountMatching("NullDriver"), Is.EqualTo(1), "booted again");
            Assert.That(_transport.HostStarts, Is.EqualTo(1), "reset goes through the running host");
        });
    }

    [Test]
    public void OpenOfAnUnknownServiceIsNoDevice() =>
        Assert.That(_transport.Open("Nothing", 0, ["com.example.app"], out _), Is.EqualTo(IOReturn.NoDevice));

    [TestCase("open c0\ncall c0 0 scalars=1,2,3 scalar_out=2\ncall c0 3 in=u64:1,2 struct_out=16\ncall c0 3 in=01 struct_out=16\nclose c0\n")]
    [TestCase("open c0\nasync c0 4 refcon=1 in=u64:5,6 struct_out=16\ncall c0 5 in=u64:2,2\nwait 8s\nclose c0\n")]
    [TestCase("open c0\nopen c1\nasync c0 4 refcon=1 in=u64:0,0 struct_out=16\nasync c0 4 refcon=2 in=u64:0,0 struct_out=16\nclose c0\ncall c1 6\ncall c1 2 scalars=1 scalar_out=17\n")]
    public void AnswersExactlyAsTheInProcessTransport(string program)
    {
        using var inProcess = new InProcessTransport(NullDriverBuilds.LibraryPath(DextVariant.Release));
        var spec = Specs.NullDriver;
        var expected = new ProgramRunner(spec, inProcess).Run(P.Program(program));
        var actual = new ProgramRunner(spec, _transport).Run(P.Program(program));
        Assert.Multiple(() =>
        {
            Assert.That(actual.Observations, Is.EqualTo(expected.Observations));
            Assert.That(actual.Violations.Select(v => v.ToString()), Is.EqualTo(expected.Violations.Select(v => v.ToString())));
            Assert.That(actual.DextLog, Is.EqualTo(expected.DextLog));
        });
    }

    [Test]
    public void RefusesWhatTheHostWouldDropTheConnectionFor()
    {
        var connection = OpenNullDriver();
        Assert.Throws<ArgumentException>(() => _transport.Call(connection, 0, [], new ulong[257], [], [], []));
        Assert.Throws<ArgumentException>(() => _transport.CountMatching(new string('x', 4097)));
        Assert.That(_transport.CountMatching("NullDriver"), Is.EqualTo(1), "the connection survives");
    }
}

using ConformanceKit.Testing;
using ConformanceKit.Transports;

namespace ConformanceKit.Tests.Transports;

public class TransportDecoratorTests
{
    /// <summary>Records every operation that passes through, and turns a crash into another exception.</summary>
    sealed class Recording(IDextTransport inner) : TransportDecorator(inner)
    {
        public List<string> Entered { get; } = [];
        public List<string> Left { get; } = [];

        protected override long Enter(string operation)
        {
            Entered.Add(operation);
            return Entered.Count;
        }

        protected override void Leave(string operation, long entered) => Left.Add($"{operation}#{entered}");

        protected override Exception? Replace(Exception exception) =>
            exception is DextCrashedException ? new InvalidOperationException("replaced") : null;
    }

    [Test]
    public void ItOffersExactlyTheCapabilitiesOfWhatItWraps()
    {
        using var wrapped = new Recording(new FakeNullDriver(hardened: false));
        Assert.Multiple(() =>
        {
            Assert.That(wrapped.Capability<ILiveObjects>(), Is.SameAs(wrapped));
            Assert.That(wrapped.Capability<ILogCapture>(), Is.SameAs(wrapped));
            Assert.That(wrapped.Capability<IHidReports>(), Is.Null, "the fake reads no HID reports");
            Assert.That(wrapped.Capability<ICoverageMap>(), Is.Null);
            Assert.That(wrapped.Capability<ISharedMemory>(), Is.Null, "the fake maps no memory");
            Assert.That(wrapped.Capability<IHostProcess>(), Is.Null, "the fake runs in this process");
            Assert.That(wrapped.Kind, Is.EqualTo(TransportKind.InProcess));
        });
    }

    /// <summary>A transport whose dext runs in a host process of the given id.</summary>
    sealed class Hosted(IDextTransport inner, int processId) : TransportDecorator(inner)
    {
        public override T? Capability<T>() where T : class => this as IHostProcess as T ?? base.Capability<T>();

        public override int? HostProcessId => processId;
    }

    [Test]
    public void TheHostProcessIsReachedPastTheHooks()
    {
        // A wrapper that stops every operation (the triage's brake) must still let the host be killed.
        using var wrapped = new Recording(new Hosted(new FakeNullDriver(hardened: false), 4242));
        Assert.That(wrapped.Capability<IHostProcess>()?.HostProcessId, Is.EqualTo(4242));
        Assert.That(wrapped.Entered, Is.Empty);
    }

    [Test]
    public void EveryOperationPassesThroughTheHooksCapabilitiesIncluded()
    {
        using var wrapped = new Recording(new FakeNullDriver(hardened: false));
        wrapped.Open("NullDriver", 0, [], out var connection);
        wrapped.Call(connection, 0, [], [1, 2], [], new ulong[2], []);
        wrapped.LiveObjects();
        wrapped.ReadLog(connection);
        wrapped.Close(connection);
        Assert.That(wrapped.Entered, Is.EqualTo(new[] { "Open", "Call", "LiveObjects", "ReadLog", "Close" }));
        Assert.That(wrapped.Left, Is.EqualTo(new[] { "Open#1", "Call#2", "LiveObjects#3", "ReadLog#4", "Close#5" }));
    }

    [Test]
    public void AnExceptionCanBeReplacedAndTheOperationIsNotLeft()
    {
        using var wrapped = new Recording(new FakeNullDriver(hardened: false));
        wrapped.Open("NullDriver", 0, [], out var connection);
        // NullDriver's unchecked Struct selector reads 16 bytes of a 1-byte input: the fake reports an ASan crash.
        var error = Assert.Throws<InvalidOperationException>(() => wrapped.Call(connection, 1, [], [], [0x41], [], new byte[16]));
        Assert.That(error!.Message, Is.EqualTo("replaced"));
        Assert.That(wrapped.Left, Is.EqualTo(new[] { "Open#1" }));
    }
}

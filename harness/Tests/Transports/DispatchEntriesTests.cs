using System.Runtime.InteropServices;
using ConformanceKit.IOKit;
using ConformanceKit.Targets;
using ConformanceKit.Transports;
using ConformanceKit.Transports.InProcess;
using ConformanceKit.Transports.Socket;

namespace ConformanceKit.Tests.Transports;

/// <summary>
/// The dispatch entries NullDriver passes to IOUserClient::ExternalMethod, read through both simulator
/// transports (dksim_take_dispatch_entries in-process, TakeDispatchEntries over the socket): the same
/// entries either way, none for the selectors the sample answers itself.
/// </summary>
public class DispatchEntriesTests
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    static IEnumerable<TestCaseData> Transports()
    {
        yield return new TestCaseData(TransportKind.InProcess).SetArgDisplayNames("inproc");
        yield return new TestCaseData(TransportKind.Socket).SetArgDisplayNames("socket");
    }

    static IDextTransport Open(TransportKind kind) => kind == TransportKind.InProcess
        ? new InProcessTransport(NullDriverBuilds.LibraryPath(DextVariant.Release))
        : new SocketTransport(NullDriverBuilds.HostPath(DextVariant.Release), Timeout);

    [TestCaseSource(nameof(Transports))]
    public void EveryTableEntryIsToldAndTheUncheckedSelectorsShowNone(TransportKind kind)
    {
        using var transport = Open(kind);
        transport.Reset();
        Assert.That(transport.Open("NullDriver", 0, [], out var connection), Is.EqualTo(IOReturn.Success));
        for (var selector = 0u; selector <= 6; selector++) transport.Call(connection, selector, [], [], [], [], []);
        transport.Call(connection, 3, [], [], new byte[16], [], new byte[16]);
        var entries = new List<DispatchEntry>();
        var capability = transport.Capability<IDispatchEntries>();
        Assert.That(capability, Is.Not.Null);
        capability!.TakeDispatchEntries(entries);
        const uint any = DispatchEntry.Variable;
        Assert.That(entries, Is.EqualTo(new[]
        {
            new DispatchEntry(connection, 2, DispatchEntryFlags.None, 0, 16, 0, 16, 0, 1),
            new DispatchEntry(connection, 3, DispatchEntryFlags.None, 0, 0, 16, 0, 16, 2),
            new DispatchEntry(connection, 4, DispatchEntryFlags.None, 1, 0, 16, 0, 16, 1),
            new DispatchEntry(connection, 5, DispatchEntryFlags.None, any, 0, 16, 0, 0, 1),
            new DispatchEntry(connection, 6, DispatchEntryFlags.NoEntry, 0, 0, 0, 0, 0, 1),
        }), "selectors 0 and 1 never reach super::ExternalMethod; 6 is past the table");
        Assert.That(entries[4].HasEntry, Is.False);
        entries.Clear();
        capability.TakeDispatchEntries(entries);
        Assert.That(entries, Is.Empty, "taken entries are gone");
    }

    [Test]
    public void TheHarnessesEntryHasTheHeadersLayout()
    {
        // dksim.h: dksim_dispatch_entry is 2 u64 then 8 u32, 48 bytes.
        Assert.That(Marshal.SizeOf<NativeDispatchEntry>(), Is.EqualTo(48));
        Assert.That(Marshal.OffsetOf<NativeDispatchEntry>(nameof(NativeDispatchEntry.Calls)), Is.EqualTo((nint)40));
    }
}

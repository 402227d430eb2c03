using ConformanceKit.IOKit;
using ConformanceKit.Targets;
using ConformanceKit.Transports;
using ConformanceKit.Transports.Socket;

namespace ConformanceKit.Tests.Transports;

/// <summary>
/// The coverage build's edges reach a SysV shared-memory map handed over by id, as AFL++ hands its map
/// to a target, and keep reaching it after the host is replaced.
/// </summary>
public unsafe class SocketTransportCoverageTests
{
    const int MapSize = 65536;
    int _shmId = -1;
    byte* _map;

    [SetUp]
    public void CreateMap()
    {
        _shmId = Libc.ShmGet(Libc.IpcPrivate, MapSize, Libc.IpcCreat | 0x180 /* 0600 */);
        Assert.That(_shmId, Is.GreaterThanOrEqualTo(0), "shmget");
        _map = (byte*)Libc.ShmAt(_shmId, 0, 0);
        Assert.That((nint)_map, Is.Not.EqualTo((nint)(-1)), "shmat");
    }

    [TearDown]
    public void RemoveMap()
    {
        if ((nint)_map is not 0 and not -1) Libc.ShmDt((nint)_map);
        if (_shmId >= 0) Libc.ShmCtl(_shmId, Libc.IpcRmid, 0);
    }

    Span<byte> Map => new(_map, MapSize);

    int EdgesHitByACall(SocketTransport transport)
    {
        Map.Clear();
        Assert.That(transport.Open("NullDriver", 0, [], out var connection), Is.EqualTo(IOReturn.Success));
        transport.Call(connection, 3, [], [], new byte[16], [], new byte[16]);
        return Map.ToArray().Count(b => b != 0);
    }

    [Test]
    public void EdgesLandInTheMapAcrossAHostRestart()
    {
        using var transport = new SocketTransport(NullDriverBuilds.HostPath(DextVariant.Cov), TimeSpan.FromSeconds(1));
        Assert.That(transport.HasCoverage, Is.True);
        Assert.That(transport.CoverageEdges, Is.GreaterThan(0u));
        transport.AttachCoverageMap(_shmId);
        Assert.That(EdgesHitByACall(transport), Is.GreaterThan(0));

        Assert.That(Libc.Kill(transport.HostProcessId!.Value, Libc.SigStop), Is.Zero);
        Assert.Throws<DextHungException>(() => transport.CountMatching("NullDriver"));
        Assert.That(EdgesHitByACall(transport), Is.GreaterThan(0), "the new host attached the same map");
        Assert.That(transport.HostStarts, Is.EqualTo(2));

        transport.DetachCoverageMap();
        Assert.That(EdgesHitByACall(transport), Is.Zero);
    }

    [Test]
    public void UnknownSegmentIsASetupError()
    {
        using var transport = new SocketTransport(NullDriverBuilds.HostPath(DextVariant.Release), TimeSpan.FromSeconds(30));
        var error = Assert.Throws<TransportSetupException>(() => transport.AttachCoverageMap(int.MaxValue))!;
        Assert.That(error.Message, Does.StartWith($"dexthost cannot use shm id {int.MaxValue} as the coverage map: shm id {int.MaxValue}: "));
    }
}

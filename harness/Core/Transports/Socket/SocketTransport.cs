using ConformanceKit.IOKit;

namespace ConformanceKit.Transports.Socket;

/// <summary>
/// Runs the dext in its own dexthost process, reached over a private Unix socket: the transport for
/// ASan builds and for anything that may crash or hang. The host is a fork server: the dext runs in a
/// copy forked for each session. A dext that dies mid-call surfaces as
/// <see cref="DextCrashedException"/> with the sanitizer report, one that does not answer within the
/// per-call timeout is killed and surfaces as <see cref="DextHungException"/>; the next call then
/// connects again, to a fresh copy, booted on the virtual clock, so the transport stays usable. Connections opened on the
/// old host are gone with it, as after <see cref="Reset"/>: the new host answers kIOReturnNotOpen for
/// them until its own numbering (which starts again at 1) hands the same numbers out.
/// Not thread-safe: one runner drives one transport.
/// </summary>
public sealed partial class SocketTransport : IDextTransport, ILiveObjects, ILogCapture, ICoverageMap, IHidReports, IHostProcess, ITearDown
{
    const uint CompletionBatch = 64;
    const uint HidBatch = 256;
    const int VirtualClock = 0;

    readonly string _hostPath;
    readonly TimeSpan _callTimeout;
    HostProcess? _server;
    HostSession? _session;
    HostClient? _client;
    (int ShmId, uint Size)? _coverageMap;
    bool _disposed;

    /// <exception cref="TransportSetupException">a bad timeout, or the host is missing, does not start or speaks another ABI.</exception>
    public SocketTransport(string hostPath, TimeSpan callTimeout)
    {
        // The timeout usually comes straight from the command line, so a bad one is a setup error.
        if (callTimeout <= TimeSpan.Zero || callTimeout > HostSession.MaxCallTimeout)
            throw new TransportSetupException($"the per-call timeout must be more than 0 and at most {HostSession.MaxCallTimeout.TotalDays:0} day; got {callTimeout.TotalMilliseconds:0} ms");
        _hostPath = Path.GetFullPath(hostPath);
        _callTimeout = callTimeout;
        try
        {
            Client(); // setup errors surface here, not at the first call
        }
        catch
        {
            Dispose(); // a host that crashed while booting leaves its private directory to us
            throw;
        }
    }

    public TransportKind Kind => TransportKind.Socket;
    public string Description => $"socket {_hostPath}";
    public bool HasVirtualClock => true;

    public string LastError() => Client().LastError();

    /// <summary>Round trips to dexthost so far, on every copy this transport was served by (what <see cref="IProgramExecutor"/> saves).</summary>
    public long Exchanges => _exchangesBefore + (_session?.Exchanges ?? 0);

    long _exchangesBefore;

    /// <summary>Host copies started so far: 1, plus one per crash or hang that was followed by another call.</summary>
    public int HostStarts { get; private set; }

    /// <summary>The process id of the copy running the dext (null between a crash or hang and the next call).</summary>
    public int? HostProcessId => _session is { IsBroken: false } session ? session.ProcessId : null;

    public string DextIdentifier => Client().DextIdentifier();

    public bool HasCoverage => Client().HasCoverage();

    public uint CoverageEdges => Client().CoverageEdges();

    public ulong Now => Client().ClockNow();

    /// <summary>
    /// Hands the dext's SanitizerCoverage edges a System V shared-memory segment (AFL++'s __AFL_SHM_ID),
    /// the out-of-process counterpart of InProcessTransport.SetCoverageMap. size 0 means the whole
    /// segment. Kept across host restarts.
    /// </summary>
    /// <exception cref="TransportSetupException">the host cannot attach the segment.</exception>
    public void AttachCoverageMap(int shmId, uint size = 0)
    {
        if (shmId < 0) throw new ArgumentOutOfRangeException(nameof(shmId), "a SysV shm id is not negative; use DetachCoverageMap");
        _coverageMap = (shmId, size);
        SendCoverageMap(Client());
    }

    /// <summary>dexthost is another process: it attaches the segment; without one there is nothing to attach.</summary>
    public void AttachCoverageMap(AflCoverageMap map)
    {
        if (map.ShmId is { } shmId) AttachCoverageMap(shmId, (uint)map.Size);
    }

    public void DetachCoverageMap()
    {
        _coverageMap = null;
        SendCoverageMap(Client());
    }

    public int CountMatching(string serviceName)
    {
        var client = Client();
        Check(client, client.CountMatching(serviceName, out var count), "dksim_count_matching");
        return (int)count;
    }

    public IOReturn Open(string serviceName, uint type, IReadOnlyList<string> accessIds, out ulong connection) =>
        new((uint)Client().Open(serviceName, type, accessIds, out connection));

    public IOReturn Close(ulong connection) => new((uint)Client().Close(connection));

    public CallResult Call(ulong connection, uint selector, ReadOnlySpan<ulong> asyncReference,
        ReadOnlySpan<ulong> scalarInput, ReadOnlySpan<byte> structInput, Span<ulong> scalarOutput, Span<byte> structOutput) =>
        Client().Call(connection, selector, asyncReference, scalarInput, structInput, scalarOutput, structOutput);

    public void Wait(ulong nanoseconds)
    {
        var client = Client();
        Check(client, client.ClockAdvance(nanoseconds), "dksim_clock_advance");
    }

    public void TakeCompletions(ulong connection, List<AsyncCompletion> sink)
    {
        var client = Client();
        while (true)
        {
            var status = client.TakeCompletions(connection, CompletionBatch, sink, out var count);
            if (status != 0 || count < CompletionBatch) return; // a closed connection has nothing to take
        }
    }

    public void TakeHidEvents(Hid.HidEvents sink)
    {
        var client = Client();
        while (client.TakeHidEvents(HidBatch, sink)) { }
    }

    public IReadOnlyDictionary<string, long> LiveObjects() => Client().LiveObjects();

    public string ReadLog(ulong connection) => Client().ReadLog(connection);

    public void Reset()
    {
        if (_replaying is not null)
        {
            BootFresh(_replaying); // as the program's records have it
            return;
        }
        var restarting = _session is not { IsBroken: false };
        var client = Client();
        if (!restarting) BootFresh(client); // a new host has just been booted fresh
    }

    /// <summary>
    /// A reset without the boot. Replaying a program, it is the program's last record — also when the
    /// runner stopped at a violation with records left unasked; a program whose crash ended its records
    /// before the teardown had none, and its host copy is gone anyway.
    /// </summary>
    public void TearDown()
    {
        var client = Client();
        if (client.TearDown() is { } status) Check(client, status, "dksim_reset");
    }

    public void Dispose()
    {
        _disposed = true;
        _session?.Dispose();
        _session = null;
        _client = null;
        _server?.Dispose();
        _server = null;
    }

    /// <summary>The live copy's client, connecting to a fresh (booted) copy when there is none.</summary>
    HostClient Client()
    {
        if (_replaying is not null) return _replaying;
        if (_client is not null && _session is { IsBroken: false }) return _client;
        ObjectDisposedException.ThrowIf(_disposed, this); // a disposed transport must not start another host
        _exchangesBefore += _session?.Exchanges ?? 0;
        _session?.Dispose();
        _session = null;
        _client = null;
        if (_server is { HasExited: true })
        {
            // The server itself is gone (killed from outside; it runs no dext code): start another.
            _server.Dispose();
            _server = null;
        }
        _server ??= HostProcess.Start(_hostPath, HostSession.StartupTimeout(_callTimeout));
        _session = HostSession.Start(_server, _callTimeout);
        HostStarts++;
        var client = new HostClient(_session);
        var (abi, protocol) = client.Versions();
        if (protocol != HostProtocol.Version)
            throw new TransportSetupException(
                $"{_hostPath} speaks dexthost protocol {(protocol == 0 ? "older than 3" : protocol.ToString(System.Globalization.CultureInfo.InvariantCulture))}; " +
                $"this harness needs {HostProtocol.Version}: the host is from another build (remove its build folder and run again)");
        if (abi != InProcess.DksimLibrary.ExpectedAbiVersion)
            throw new TransportSetupException($"{_hostPath} speaks dksim ABI {abi}; this harness needs {InProcess.DksimLibrary.ExpectedAbiVersion}");
        BootFresh(client);
        if (_coverageMap is not null) SendCoverageMap(client);
        _client = client;
        return client;
    }

    void BootFresh(HostClient client)
    {
        Check(client, client.Reset(), "dksim_reset");
        if (_deviceDescription is not null) Check(client, client.DescribeDevice(_deviceDescription), "dksim_set_device");
        Check(client, client.SetClockMode(VirtualClock), "dksim_set_clock_mode");
        Check(client, client.Boot(), "dksim_boot");
    }

    void SendCoverageMap(HostClient client)
    {
        var (shmId, size) = _coverageMap ?? (-1, 0u);
        if (client.SetCoverageShm(shmId, size, out var reason) != 0)
            throw new TransportSetupException($"dexthost cannot use shm id {shmId} as the coverage map: {reason}");
    }

    static void Check(HostClient client, int status, string what)
    {
        if (status != 0)
            throw new TransportSetupException($"{what} failed with {new IOReturn((uint)status)}: {client.LastError()}");
    }
}

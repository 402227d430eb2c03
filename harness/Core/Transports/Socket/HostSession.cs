using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using NetSocket = System.Net.Sockets.Socket;

namespace ConformanceKit.Transports.Socket;

/// <summary>
/// The harness's connection to one copy of a dexthost fork server (<see cref="HostProcess"/>), forked
/// when the session connects and named by its greeting: one request, one response, each within the
/// per-call timeout, charged with the copy's own run time (<see cref="HostRunTime"/>). When the copy
/// dies mid-call the session turns that into a <see cref="DextCrashedException"/> (with the sanitizer
/// report: what the copy wrote on stderr before the server's line about its end, <see cref="SessionEnd"/>);
/// when it does not answer in time it kills the copy and throws <see cref="DextHungException"/>.
/// Either way the session is then broken and the transport connects again: the server forks a fresh
/// copy in about a millisecond, where starting a sanitizer-built host took tens.
/// </summary>
internal sealed class HostSession : IDisposable
{
    static readonly TimeSpan MinimumStartupTimeout = TimeSpan.FromSeconds(10);
    static readonly TimeSpan CrashExitWait = TimeSpan.FromSeconds(30);
    static readonly TimeSpan CloseExitWait = TimeSpan.FromSeconds(2);

    /// <summary>How often a call that has not answered is charged (see <see cref="HostRunTime"/>).</summary>
    internal static readonly TimeSpan WaitSlice = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// However starved the machine, a call that has had this many times its timeout of wall time is
    /// hung: the harness must not wait forever for a host that is never scheduled.
    /// </summary>
    internal const int WallClockBackstopFactor = 30;

    /// <summary>The longest per-call timeout: a day (a longer one is a typo, and its backstop would be months).</summary>
    public static readonly TimeSpan MaxCallTimeout = TimeSpan.FromDays(1);

    readonly HostProcess _server;
    readonly NetSocket _socket;
    readonly TimeSpan _callTimeout;
    readonly long _stderrStart;
    byte[] _response = new byte[64 << 10];

    HostSession(HostProcess server, NetSocket socket, TimeSpan callTimeout, long stderrStart)
    {
        _server = server;
        _socket = socket;
        _callTimeout = callTimeout;
        _stderrStart = stderrStart;
    }

    public bool IsBroken { get; private set; }

    /// <summary>Request/response exchanges made on this session.</summary>
    public long Exchanges { get; private set; }

    /// <summary>The copy's process id, from its greeting.</summary>
    public int ProcessId { get; private set; }

    /// <summary>How long a host may take to start or to fork its copy: the call timeout, at least 10 s.</summary>
    public static TimeSpan StartupTimeout(TimeSpan callTimeout) =>
        callTimeout > MinimumStartupTimeout ? callTimeout : MinimumStartupTimeout;

    /// <summary>Connects to the server and reads the greeting of the copy it forked for us.</summary>
    /// <exception cref="TransportSetupException">the server does not accept or its copy does not greet.</exception>
    public static HostSession Start(HostProcess server, TimeSpan callTimeout)
    {
        // Everything the server's stderr holds from here on is this copy's (the last one's end line
        // was read before this session was started).
        var stderrStart = server.StderrStream.Position;
        var socket = new NetSocket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(server.SocketPath));
            // Non-blocking, so that a host that stops reading a large request cannot block the harness
            // past the deadline: every wait is a Poll bounded by the time left.
            socket.Blocking = false;
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new TransportSetupException($"cannot connect to dexthost at {server.SocketPath}: {e.Message}{server.LastStderrLine}", e);
        }
        var session = new HostSession(server, socket, callTimeout, stderrStart);
        session.ProcessId = session.ReadGreeting(StartupTimeout(callTimeout));
        return session;
    }

    /// <summary>The copy's first frame: status 0 and its process id (PROTOCOL.md "Fork server").</summary>
    int ReadGreeting(TimeSpan timeout)
    {
        // Until the copy has named itself, the time is charged to the server, which forks it.
        var deadline = new CallDeadline(timeout, _server.Id);
        Span<byte> greeting = stackalloc byte[12];
        if (Receive(greeting, deadline) == Outcome.Done && BinaryPrimitives.ReadUInt32LittleEndian(greeting) == 8
            && BinaryPrimitives.ReadInt32LittleEndian(greeting[4..]) == 0
            && BinaryPrimitives.ReadInt32LittleEndian(greeting[8..]) is > 0 and var processId)
            return processId;
        Break();
        throw new TransportSetupException($"dexthost at {_server.SocketPath} accepted but its copy did not greet (a host from another build?){_server.LastStderrLine}");
    }

    /// <summary>Sends the request and returns the response, whose payload is valid until the next exchange.</summary>
    public ResponseReader Exchange(FrameWriter request)
    {
        if (IsBroken) throw new InvalidOperationException("this dexthost session has ended");
        Exchanges++;
        var deadline = new CallDeadline(_callTimeout, ProcessId);
        var outcome = Send(request.Finish(), deadline);
        Span<byte> header = stackalloc byte[8];
        if (outcome == Outcome.Done) outcome = Receive(header, deadline);
        if (outcome == Outcome.Done)
        {
            var length = BinaryPrimitives.ReadUInt32LittleEndian(header);
            if (length < 4 || length > HostLimits.MaxResponseFrame + 4)
            {
                Break();
                ProcessSignal.Kill(ProcessId);
                throw new TransportSetupException($"dexthost answered {request.Op} with a frame of {length} bytes: host and harness are from different builds");
            }
            var size = (int)length - 4;
            if (size > _response.Length) _response = new byte[Math.Max(size, _response.Length * 2)];
            outcome = Receive(_response.AsSpan(0, size), deadline);
            if (outcome == Outcome.Done)
                return new ResponseReader(request.Op, BinaryPrimitives.ReadInt32LittleEndian(header[4..]), _response.AsSpan(0, size));
        }
        throw outcome == Outcome.TimedOut ? Hung() : Crashed();
    }

    enum Outcome { Done, Closed, TimedOut }

    Outcome Send(ReadOnlySpan<byte> bytes, CallDeadline deadline)
    {
        while (!bytes.IsEmpty)
        {
            var sent = _socket.Send(bytes, SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock)
            {
                if (!Await(SelectMode.SelectWrite, deadline)) return Outcome.TimedOut;
                continue;
            }
            if (error != SocketError.Success) return Outcome.Closed;
            bytes = bytes[sent..];
        }
        return Outcome.Done;
    }

    Outcome Receive(Span<byte> bytes, CallDeadline deadline)
    {
        while (!bytes.IsEmpty)
        {
            if (!Await(SelectMode.SelectRead, deadline)) return Outcome.TimedOut;
            var received = _socket.Receive(bytes, SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock) continue;
            if (error != SocketError.Success || received == 0) return Outcome.Closed;
            bytes = bytes[received..];
        }
        return Outcome.Done;
    }

    /// <summary>Waits until the socket is ready; false when the call's time is used up first.</summary>
    bool Await(SelectMode mode, CallDeadline deadline)
    {
        while (true)
        {
            var slice = deadline.NextSlice();
            if (slice <= TimeSpan.Zero) return false;
            if (_socket.Poll(slice, mode)) return true;
            deadline.Charge();
        }
    }

    /// <summary>
    /// The per-call timeout of one exchange, charged with the host's own run time rather than the
    /// wall clock (<see cref="HostRunTime"/>), with a wall-clock backstop.
    /// </summary>
    sealed class CallDeadline(TimeSpan timeout, int processId)
    {
        readonly HostRunTime _runTime = HostRunTime.Start(processId);
        readonly long _started = Stopwatch.GetTimestamp();
        long _sliceStarted = Stopwatch.GetTimestamp();
        TimeSpan _charged;

        /// <summary>How long to wait before charging again; zero or less when the call is hung.</summary>
        public TimeSpan NextSlice()
        {
            var wall = Stopwatch.GetElapsedTime(_started);
            var left = timeout - _charged;
            if (left <= TimeSpan.Zero || wall >= timeout * WallClockBackstopFactor) return TimeSpan.Zero;
            _sliceStarted = Stopwatch.GetTimestamp();
            return left < WaitSlice ? left : WaitSlice;
        }

        public void Charge() => _charged = _runTime.Charge(Stopwatch.GetElapsedTime(_sliceStarted));
    }

    /// <summary>
    /// The host answered as it died (a program's records, sent by its sanitizer's death callback): it
    /// is waited for and its report taken, as for a crash mid-call.
    /// </summary>
    public DextCrashedException EndedByCrash() => Crashed();

    /// <summary>The copy closed the connection mid-call: it died (or dropped us). Its stderr says why.</summary>
    DextCrashedException Crashed()
    {
        Break();
        if (!WaitForEnd(CrashExitWait, out var stderr, out var exitCode, out var signal))
        {
            // A copy that closed its end but lives on, or a server that died with it: what it wrote is all there is.
            ProcessSignal.Kill(ProcessId);
            WaitForEnd(CloseExitWait, out stderr, out exitCode, out signal);
        }
        var report = ReportSymbolizer.Symbolize(stderr);
        return new DextCrashedException(CrashSummary.From(report, exitCode, signal), report, exitCode, signal);
    }

    DextHungException Hung()
    {
        Break();
        ProcessSignal.Kill(ProcessId);
        WaitForEnd(CrashExitWait, out var stderr, out _, out _);
        return new DextHungException(_callTimeout, stderr);
    }

    /// <summary>
    /// Waits (bounded) for the server's line about this copy's end; the copy's stderr is what came
    /// before it. False when the line did not come (the text so far is the stderr then).
    /// </summary>
    bool WaitForEnd(TimeSpan timeout, out string stderr, out int? exitCode, out int? signal)
    {
        var processId = ProcessId;
        var tail = _server.StderrStream;
        tail.WaitUntil(_stderrStart, text => SessionEnd.TryFind(text, processId, out _, out _, out _), timeout);
        return SessionEnd.TryFind(tail.TextSince(_stderrStart), processId, out stderr, out exitCode, out signal);
    }

    void Break()
    {
        IsBroken = true;
        _socket.Dispose();
    }

    /// <summary>Hangs up: the copy exits; the server (owned by the transport) serves the next session.</summary>
    public void Dispose()
    {
        if (IsBroken) return;
        Break();
        if (!WaitForEnd(CloseExitWait, out _, out _, out _)) ProcessSignal.Kill(ProcessId);
    }
}

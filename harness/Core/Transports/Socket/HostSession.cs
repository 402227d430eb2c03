using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using NetSocket = System.Net.Sockets.Socket;

namespace ConformanceKit.Transports.Socket;

/// <summary>
/// A started dexthost and the harness's connection to it: one request, one response, each within the
/// per-call timeout, charged with the host's own run time (<see cref="HostRunTime"/>). When the host
/// dies mid-call the session turns that into a <see cref="DextCrashedException"/> (with the sanitizer
/// report from stderr); when it does not answer in time it kills the host and throws
/// <see cref="DextHungException"/>. Either way the session is then broken and the transport starts a
/// new one.
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

    readonly HostProcess _process;
    readonly NetSocket _socket;
    readonly TimeSpan _callTimeout;
    byte[] _response = new byte[64 << 10];

    HostSession(HostProcess process, NetSocket socket, TimeSpan callTimeout)
    {
        _process = process;
        _socket = socket;
        _callTimeout = callTimeout;
    }

    public bool IsBroken { get; private set; }

    /// <summary>Request/response exchanges made on this session.</summary>
    public long Exchanges { get; private set; }

    public int ProcessId => _process.Id;

    public static HostSession Start(string hostPath, TimeSpan callTimeout)
    {
        var process = HostProcess.Start(hostPath, callTimeout > MinimumStartupTimeout ? callTimeout : MinimumStartupTimeout);
        var socket = new NetSocket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(process.SocketPath));
            // Non-blocking, so that a host that stops reading a large request cannot block the harness
            // past the deadline: every wait is a Poll bounded by the time left.
            socket.Blocking = false;
        }
        catch (SocketException e)
        {
            socket.Dispose();
            process.Dispose();
            throw new TransportSetupException($"cannot connect to dexthost at {process.SocketPath}: {e.Message}", e);
        }
        return new HostSession(process, socket, callTimeout);
    }

    /// <summary>Sends the request and returns the response, whose payload is valid until the next exchange.</summary>
    public ResponseReader Exchange(FrameWriter request)
    {
        if (IsBroken) throw new InvalidOperationException("this dexthost session has ended");
        Exchanges++;
        var deadline = new CallDeadline(_callTimeout, _process.Id);
        var outcome = Send(request.Finish(), deadline);
        Span<byte> header = stackalloc byte[8];
        if (outcome == Outcome.Done) outcome = Receive(header, deadline);
        if (outcome == Outcome.Done)
        {
            var length = BinaryPrimitives.ReadUInt32LittleEndian(header);
            if (length < 4 || length > HostLimits.MaxResponseFrame + 4)
            {
                Break();
                _process.Kill();
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

    /// <summary>The host closed the connection mid-call: it died (or dropped us). Its stderr says why.</summary>
    DextCrashedException Crashed()
    {
        Break();
        if (!_process.WaitForExit(CrashExitWait)) _process.Kill();
        var report = ReportSymbolizer.Symbolize(_process.Stderr);
        var (exitCode, signal) = _process.ExitStatus();
        return new DextCrashedException(CrashSummary.From(report, exitCode, signal), report, exitCode, signal);
    }

    DextHungException Hung()
    {
        Break();
        _process.Kill();
        return new DextHungException(_callTimeout, _process.Stderr);
    }

    void Break()
    {
        IsBroken = true;
        _socket.Dispose();
    }

    public void Dispose()
    {
        if (!IsBroken)
        {
            // Closing our end lets a --once host exit 0 and remove its private directory itself.
            Break();
            _process.WaitForExit(CloseExitWait);
        }
        _process.Dispose();
    }
}

using System.Buffers.Binary;
using ConformanceKit.IOKit;
using ConformanceKit.Transports;

namespace ConformanceKit.Testing;

/// <summary>
/// A managed stand-in for the NullDriver sample behind a transport, for testing the runner and oracle
/// without native builds: the same selectors, dispatch checks, arithmetic, timer that re-arms, leak on
/// double registration and out-of-bounds struct paths (reported as a crash, as an ASan host would).
/// Hardened = the fixed variant. Knobs let tests break single behaviours on purpose.
/// </summary>
public sealed class FakeNullDriver : IDextTransport, ILiveObjects, ILogCapture
{
    const ulong Delay = 5_000_000_000;
    public const string Identifier = "com.example.NullDriver";

    readonly bool _hardened;
    readonly Dictionary<ulong, Connection> _connections = [];
    ulong _nextHandle = 1;
    ulong _now;
    long _liveActions;

    public FakeNullDriver(bool hardened) => _hardened = hardened;

    /// <summary>Test knob: CheckedStruct (3) forgets its struct input size check.</summary>
    public bool BreakCheckedStructInputCheck { get; set; }

    /// <summary>Test knob: refuse everyone at open.</summary>
    public bool RefuseOpens { get; set; }

    /// <summary>Test knob: the timer sends a wrong first argument.</summary>
    public bool WrongCompletionArgument { get; set; }

    public int Calls { get; private set; }

    sealed class Connection
    {
        public ulong? Callback;       // refcon of the registered action
        public List<(ulong Deadline, ulong Foo, ulong Bar)> Timers { get; } = []; // the sample keeps at most one
        public List<AsyncCompletion> Delivered { get; } = [];
        public List<string> Log { get; } = [];
    }

    /// <summary>Like the simulator's in-process transport, it runs in the harness's own process.</summary>
    public TransportKind Kind => TransportKind.InProcess;
    public string Description => _hardened ? "fake hardened NullDriver" : "fake NullDriver";
    public bool HasVirtualClock => true;

    public int CountMatching(string serviceName) => serviceName == "NullDriver" ? 1 : 0;

    public IOReturn Open(string serviceName, uint type, IReadOnlyList<string> accessIds, out ulong connection)
    {
        connection = 0;
        if (serviceName != "NullDriver") return IOReturn.NoDevice;
        if (RefuseOpens) return IOReturn.NotPermitted;
        connection = _nextHandle++;
        _connections[connection] = new Connection();
        return IOReturn.Success;
    }

    public IOReturn Close(ulong connection)
    {
        if (!_connections.Remove(connection, out var state)) return IOReturn.NotOpen;
        if (state.Callback is not null) _liveActions--; // Stop releases the stored callback
        return IOReturn.Success;
    }

    public CallResult Call(ulong connection, uint selector, ReadOnlySpan<ulong> asyncReference,
        ReadOnlySpan<ulong> scalarInput, ReadOnlySpan<byte> structInput, Span<ulong> scalarOutput, Span<byte> structOutput)
    {
        Calls++;
        if (!_connections.TryGetValue(connection, out var state)) return new(IOReturn.NotOpen, 0, 0);
        if (scalarInput.Length > IOKitLimits.MaxScalars) return new(IOReturn.MigArrayTooLarge, 0, 0);
        if (scalarOutput.Length > IOKitLimits.MaxScalars) scalarOutput = scalarOutput[..IOKitLimits.MaxScalars];
        var hasCompletion = !asyncReference.IsEmpty;
        state.Log.Add($"selector {selector}");
        switch (selector)
        {
            case 0: return Scalar(scalarInput, scalarOutput);
            case 1: return Struct(structInput, structOutput);
        }
        if (selector >= 6) return new(IOReturn.Unsupported, 0, 0);
        // the dispatch checks of selectors 2..5
        var (completion, scalarIn, structIn, scalarOut, structOut) = selector switch
        {
            2 => (0, 16, 0, 16, 0),
            3 => (0, 0, BreakCheckedStructInputCheck ? -1 : 16, 0, 16),
            4 => (1, 0, 16, 0, 16),
            _ => (-1, 0, 16, 0, 0),
        };
        if ((completion == 0 && hasCompletion) || (completion == 1 && !hasCompletion)) return new(IOReturn.BadArgument, 0, 0);
        if (scalarInput.Length != scalarIn) return new(IOReturn.BadArgument, 0, 0);
        if (structIn >= 0 && structInput.Length != structIn) return new(IOReturn.BadArgument, 0, 0);
        if (scalarOutput.Length != scalarOut) return new(IOReturn.BadArgument, 0, 0);
        if (structOutput.Length != structOut) return new(IOReturn.BadArgument, 0, 0);
        var foo = structInput.Length >= 8 ? BinaryPrimitives.ReadUInt64LittleEndian(structInput) : 0;
        var bar = structInput.Length >= 16 ? BinaryPrimitives.ReadUInt64LittleEndian(structInput[8..]) : 0;
        switch (selector)
        {
            case 2:
                for (var i = 0; i < 16; i++) scalarOutput[i] = scalarInput[i] + 1;
                return new(IOReturn.Success, 16, 0);
            case 3:
                return WriteData(structOutput, foo, bar);
            case 4:
                if (state.Callback is not null && _hardened) _liveActions--; // the sample overwrites without release
                state.Callback = asyncReference[2];
                _liveActions++;
                Arm(state, foo, bar);
                return WriteData(structOutput, foo, bar);
            default:
                if (state.Callback is null) return new(_hardened ? IOReturn.NotReady : IOReturn.Error, 0, 0);
                Arm(state, foo, bar);
                return new(IOReturn.Success, 0, 0);
        }
    }

    /// <summary>The sample's WakeAtTime replaces the pending deadline; the hardened variant queues each request.</summary>
    void Arm(Connection state, ulong foo, ulong bar)
    {
        if (!_hardened) state.Timers.Clear();
        state.Timers.Add((_now + Delay, foo, bar));
    }

    CallResult Scalar(ReadOnlySpan<ulong> input, Span<ulong> output)
    {
        if (_hardened && (input.Length != 16 || output.Length != 16)) return new(IOReturn.BadArgument, 0, 0);
        if (input.IsEmpty || output.IsEmpty) return new(IOReturn.BadArgument, 0, 0);
        var count = Math.Min(input.Length, output.Length);
        for (var i = 0; i < count; i++) output[i] = input[i] + 1;
        return new(IOReturn.Success, (uint)output.Length, 0);
    }

    CallResult Struct(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (input.IsEmpty) return new(IOReturn.BadArgument, 0, 0);
        if (_hardened && (input.Length != 16 || output.Length != 16)) return new(IOReturn.BadArgument, 0, 0);
        if (input.Length < 16)
            throw new DextCrashedException("AddressSanitizer: heap-buffer-overflow",
                "==1==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x1\nREAD of size 8 at 0x1 thread T0\n    #0 0x1 in NullDriver::HandleExternalStruct(OSObject*) /x/NullDriver.cpp:1:1\n", 1, null);
        if (output.Length is > IOKitLimits.MaxInbandStruct and < (int)IOKitBoundaries.SampleOversizedStruct)
            throw new DextCrashedException("AddressSanitizer: heap-buffer-overflow",
                "==1==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x1\nWRITE of size 4104 at 0x1 thread T0\n    #0 0x1 in __asan_memcpy\n    #1 0x1 in NullDriver::HandleExternalStruct(OSObject*) /x/NullDriver.cpp:2:1\n", 1, null);
        var foo = BinaryPrimitives.ReadUInt64LittleEndian(input);
        var bar = BinaryPrimitives.ReadUInt64LittleEndian(input[8..]);
        if (output.Length > IOKitLimits.MaxInbandStruct) return new(IOReturn.Success, 0, (ulong)output.Length);
        return WriteData(output, foo, bar);
    }

    static CallResult WriteData(Span<byte> output, ulong foo, ulong bar)
    {
        if (output.Length < 16) return new(IOReturn.BadArgument, 0, 0); // the OSData is longer than the caller's buffer
        BinaryPrimitives.WriteUInt64LittleEndian(output, foo + 1);
        BinaryPrimitives.WriteUInt64LittleEndian(output[8..], bar + 10);
        return new(IOReturn.Success, 0, 16);
    }

    public void Wait(ulong nanoseconds)
    {
        var end = _now + nanoseconds;
        foreach (var state in _connections.Values)
        {
            foreach (var timer in state.Timers.Where(t => t.Deadline <= end).ToArray())
            {
                state.Timers.Remove(timer);
                if (state.Callback is { } refcon)
                    state.Delivered.Add(new AsyncCompletion(0, refcon, IOReturn.Success,
                        [WrongCompletionArgument ? 3UL : 2UL, timer.Foo + 1, timer.Bar + 10], timer.Deadline));
            }
        }
        _now = end;
    }

    public void TakeCompletions(ulong connection, List<AsyncCompletion> sink)
    {
        if (!_connections.TryGetValue(connection, out var state)) return;
        sink.AddRange(state.Delivered);
        state.Delivered.Clear();
    }

    public IReadOnlyDictionary<string, long> LiveObjects() =>
        new Dictionary<string, long> { ["NullDriver"] = 1, ["OSAction"] = _liveActions };

    public string ReadLog(ulong connection) =>
        _connections.TryGetValue(connection, out var state) ? string.Join('\n', state.Log) + "\n" : "";

    public void Reset()
    {
        _connections.Clear();
        _now = 0;
        _liveActions = 0;
        _nextHandle = 1;
    }

    public void Dispose() { }
}

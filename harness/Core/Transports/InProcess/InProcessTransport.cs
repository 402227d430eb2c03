using System.Text;
using ConformanceKit.IOKit;

namespace ConformanceKit.Transports.InProcess;

/// <summary>
/// Calls lib&lt;dext&gt;.so directly: the fastest transport, used by the fuzzer's fast variant and most
/// property runs. A crash or hang of the dext takes the harness process with it, so memory-safety
/// work uses the socket transport with an ASan host instead.
/// </summary>
public sealed unsafe partial class InProcessTransport : IDextTransport, ILiveObjects, ISwitchableLogCapture, ICoverageMap, IHidReports, ITearDown
{
    const int CompletionBatch = 16;
    readonly DksimLibrary _library;
    byte[] _liveObjectText = new byte[1024];
    /// <summary>The map the dext's edges go to (none: 0), kept to turn counting off for a program's first reset.</summary>
    nint _coverageMap;
    int _coverageMapSize;

    public InProcessTransport(string libraryPath)
    {
        _library = DksimLibrary.Load(libraryPath);
        Reset();
    }

    public TransportKind Kind => TransportKind.InProcess;
    public string Description => $"inproc {_library.Path}";
    public bool HasVirtualClock => true;
    public bool IsolatesCrashes => false;

    public string LastError() => _library.ReadLastError();

    public string DextIdentifier => ReadString(_library.DextIdentifier());

    public bool HasCoverage => _library.HasCoverage() != 0;

    public uint CoverageEdges => _library.CoverageEdges();

    /// <summary>Hands the dext's SanitizerCoverage edges a map (the fuzzer passes AFL's shared memory).</summary>
    public void SetCoverageMap(byte* map, int size)
    {
        _library.SetCoverageMap(map, (uint)size);
        (_coverageMap, _coverageMapSize) = ((nint)map, size);
    }

    /// <summary>The dext is in this process: it writes straight into the mapped map.</summary>
    public void AttachCoverageMap(AflCoverageMap map) => SetCoverageMap((byte*)map.Address, map.Size);

    /// <summary>Off, the dext's log calls cost nothing and <see cref="ReadLog"/> returns "" (the fuzzer's fast path).</summary>
    public void SetLogCapture(bool enabled) => _library.SetLogCapture(enabled ? 1 : 0);

    public int CountMatching(string serviceName)
    {
        uint count = 0;
        fixed (byte* name = Utf8(serviceName))
            Check(_library.CountMatching(name, &count), "dksim_count_matching");
        return (int)count;
    }

    public IOReturn Open(string serviceName, uint type, IReadOnlyList<string> accessIds, out ulong connection)
    {
        var encoded = accessIds.Select(Utf8).ToArray();
        var handles = new System.Runtime.InteropServices.GCHandle[encoded.Length];
        var pointers = new byte*[encoded.Length];
        try
        {
            for (var k = 0; k < encoded.Length; k++)
            {
                handles[k] = System.Runtime.InteropServices.GCHandle.Alloc(encoded[k], System.Runtime.InteropServices.GCHandleType.Pinned);
                pointers[k] = (byte*)handles[k].AddrOfPinnedObject();
            }
            ulong opened = 0;
            int status;
            fixed (byte* name = Utf8(serviceName))
            fixed (byte** ids = pointers)
                status = _library.Open(name, type, ids, (uint)pointers.Length, &opened);
            connection = opened;
            return new IOReturn((uint)status);
        }
        finally
        {
            foreach (var handle in handles)
                if (handle.IsAllocated) handle.Free();
        }
    }

    public IOReturn Close(ulong connection) => new((uint)_library.Close(connection));

    public CallResult Call(ulong connection, uint selector, ReadOnlySpan<ulong> asyncReference,
        ReadOnlySpan<ulong> scalarInput, ReadOnlySpan<byte> structInput, Span<ulong> scalarOutput, Span<byte> structOutput)
    {
        var scalarCount = (uint)scalarOutput.Length;
        var structSize = (ulong)structOutput.Length;
        int status;
        fixed (ulong* reference = asyncReference)
        fixed (ulong* scalarsIn = scalarInput)
        fixed (byte* bytesIn = structInput)
        fixed (ulong* scalarsOut = scalarOutput)
        fixed (byte* bytesOut = structOutput)
        {
            status = asyncReference.IsEmpty
                ? _library.CallMethod(connection, selector, scalarsIn, (uint)scalarInput.Length, bytesIn, (ulong)structInput.Length,
                    scalarsOut, &scalarCount, bytesOut, &structSize)
                : _library.CallAsyncMethod(connection, selector, reference, (uint)asyncReference.Length,
                    scalarsIn, (uint)scalarInput.Length, bytesIn, (ulong)structInput.Length,
                    scalarsOut, &scalarCount, bytesOut, &structSize);
        }
        return new CallResult(new IOReturn((uint)status), scalarCount, structSize);
    }

    public void Wait(ulong nanoseconds) => Check(_library.ClockAdvance(nanoseconds), "dksim_clock_advance");

    public ulong Now => _library.ClockNow();

    public void TakeCompletions(ulong connection, List<AsyncCompletion> sink)
    {
        var batch = stackalloc NativeCompletion[CompletionBatch];
        while (true)
        {
            uint count = 0;
            var status = _library.TakeCompletions(connection, batch, CompletionBatch, &count);
            if (status != 0) return; // a closed connection has nothing to take
            for (var k = 0; k < count; k++) sink.Add(Convert(batch[k]));
            if (count < CompletionBatch) return;
        }
    }

    internal static AsyncCompletion Convert(in NativeCompletion native)
    {
        var count = Math.Min(native.ArgCount, 16u);
        var args = new ulong[count];
        for (var k = 0; k < count; k++) args[k] = native.Args[k];
        return new AsyncCompletion(native.Callback, native.Refcon, new IOReturn((uint)native.Status), args, native.TimeNs);
    }

    /// <summary>The runtime's caps: a report or descriptor is recorded with at most 64 KiB of its bytes.</summary>
    const int MaxHidBytes = 65536;

    byte[]? _hidBytes;

    public void TakeHidEvents(Hid.HidEvents sink)
    {
        var bytes = _hidBytes ??= new byte[MaxHidBytes];
        fixed (byte* buffer = bytes)
        {
            NativeHidDevice device;
            while (_library.HidTakeDevice(&device, buffer, (ulong)bytes.Length) == 0)
                sink.Devices.Add(new Hid.HidDeviceStart(device.DeviceId, device.TimeNs, device.DescriptorLength, device.HasDescriptor != 0,
                    ClassName(device.DeviceClass), bytes.AsSpan(0, (int)Math.Min(device.ByteCount, (uint)bytes.Length)).ToArray()));
            NativeHidReport report;
            while (_library.HidTakeReport(&report, buffer, (ulong)bytes.Length) == 0)
                sink.Reports.Add(new Hid.HidReport(report.DeviceId, report.Timestamp, report.TimeNs, report.ReportType, report.Options,
                    report.ReportLength, report.DescriptorLength, report.Status, report.DroppedBefore, ClassName(report.DeviceClass),
                    bytes.AsSpan(0, (int)Math.Min(report.ByteCount, (uint)bytes.Length)).ToArray()));
        }
    }

    static string ClassName(byte* name)
    {
        var span = new ReadOnlySpan<byte>(name, 64);
        var end = span.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? span : span[..end]);
    }

    public IReadOnlyDictionary<string, long> LiveObjects()
    {
        // One call into the library in the common case: the counters fit the buffer kept for them.
        while (true)
        {
            ulong length;
            fixed (byte* buffer = _liveObjectText)
                length = _library.LiveObjectsText(buffer, (ulong)_liveObjectText.Length);
            if (length < (ulong)_liveObjectText.Length) return LiveObjectText.Parse(_liveObjectText.AsSpan(0, (int)length));
            _liveObjectText = new byte[length + 1];
        }
    }

    public string ReadLog(ulong connection) => ReadText((buffer, capacity) => _library.ReadLog(connection, buffer, capacity));

    public void TearDown() => Check(_library.Reset(), "dksim_reset");

    public void Reset()
    {
        // This reset tears down what the last program left (nothing, after its teardown): no
        // program's edges, so none are counted, as dexthost's RunProgram does.
        _library.SetCoverageMap(null, 0);
        try
        {
            Check(_library.Reset(), "dksim_reset");
        }
        finally
        {
            _library.SetCoverageMap((byte*)_coverageMap, (uint)_coverageMapSize);
        }
        if (_deviceDescription is not null) ApplyDeviceDescription();
        Check(_library.SetClockMode(0), "dksim_set_clock_mode");
        Check(_library.Boot(), "dksim_boot");
    }

    public void Dispose()
    {
        _library.SetLogCapture(1);
        // The library stays loaded for the life of the process (native code cannot be unloaded safely
        // while its runtime may hold threads); leave it reset and quiet.
        _library.Reset();
    }

    delegate ulong TextReader(byte* buffer, ulong capacity);

    static string ReadText(TextReader read)
    {
        var length = read(null, 0);
        if (length == 0) return "";
        var buffer = new byte[length + 1];
        fixed (byte* pointer = buffer)
            length = Math.Min(read(pointer, (ulong)buffer.Length), (ulong)buffer.Length - 1);
        return Encoding.UTF8.GetString(buffer, 0, (int)length);
    }

    internal static byte[] Utf8(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }

    static string ReadString(byte* text) => System.Runtime.InteropServices.Marshal.PtrToStringUTF8((nint)text) ?? "";

    void Check(int status, string what)
    {
        if (status != 0)
            throw new TransportSetupException($"{what} failed with {new IOReturn((uint)status)}: {_library.ReadLastError()}");
    }
}

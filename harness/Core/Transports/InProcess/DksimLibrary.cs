using System.Runtime.InteropServices;

namespace ConformanceKit.Transports.InProcess;

/// <summary>
/// The dksim C ABI (dext/include/dksim.h) of one lib&lt;dext&gt;.so, bound by function pointers so that
/// several dext libraries can be loaded into one process side by side (each carries its own runtime).
/// </summary>
internal sealed unsafe class DksimLibrary
{
    public const uint ExpectedAbiVersion = 1;

    public readonly nint Handle;
    public readonly string Path;

    public readonly delegate* unmanaged<uint> AbiVersion;
    public readonly delegate* unmanaged<byte*> DextIdentifier;
    public readonly delegate* unmanaged<byte*> LastError;
    public readonly delegate* unmanaged<int> Boot;
    public readonly delegate* unmanaged<int> Reset;
    public readonly delegate* unmanaged<byte*, uint*, int> CountMatching;
    public readonly delegate* unmanaged<byte*, uint, byte**, uint, ulong*, int> Open;
    public readonly delegate* unmanaged<ulong, int> Close;
    public readonly delegate* unmanaged<ulong, uint, ulong*, uint, void*, ulong, ulong*, uint*, void*, ulong*, int> CallMethod;
    public readonly delegate* unmanaged<ulong, uint, ulong*, uint, ulong*, uint, void*, ulong, ulong*, uint*, void*, ulong*, int> CallAsyncMethod;
    public readonly delegate* unmanaged<ulong, NativeCompletion*, uint, uint*, int> TakeCompletions;
    public readonly delegate* unmanaged<int, int> SetClockMode;
    public readonly delegate* unmanaged<ulong> ClockNow;
    public readonly delegate* unmanaged<ulong, int> ClockAdvance;
    public readonly delegate* unmanaged<byte*, long> LiveObjects;
    public readonly delegate* unmanaged<byte*, ulong, ulong> LiveObjectsText;
    public readonly delegate* unmanaged<ulong, byte*, ulong, ulong> ReadLog;
    public readonly delegate* unmanaged<byte*, uint, void> SetCoverageMap;
    public readonly delegate* unmanaged<int, void> SetLogCapture;
    public readonly delegate* unmanaged<int> HasCoverage;
    public readonly delegate* unmanaged<uint> CoverageEdges;
    public readonly delegate* unmanaged<NativeHidDevice*, byte*, ulong, int> HidTakeDevice;
    public readonly delegate* unmanaged<NativeHidReport*, byte*, ulong, int> HidTakeReport;
    public readonly delegate* unmanaged<ulong, uint, ulong*, ulong*, ulong*, int> MapMemory;
    public readonly delegate* unmanaged<ulong, ulong, void*, ulong, int> MemoryWrite;
    public readonly delegate* unmanaged<ulong, ulong, void*, ulong, int> MemoryRead;
    public readonly delegate* unmanaged<byte*, int> SetDevice;
    public readonly delegate* unmanaged<byte*, ulong, int> DeviceFeed;
    public readonly delegate* unmanaged<int> DeviceUnplug;
    public readonly delegate* unmanaged<uint, int> DeviceInterrupt;
    public readonly delegate* unmanaged<NativeViolation*, byte*, ulong, int> TakeViolation;
    public readonly delegate* unmanaged<NativeDispatchEntry*, uint, uint*, int> TakeDispatchEntries;

    DksimLibrary(nint handle, string path)
    {
        Handle = handle;
        Path = path;
        AbiVersion = (delegate* unmanaged<uint>)Export("dksim_abi_version");
        DextIdentifier = (delegate* unmanaged<byte*>)Export("dksim_dext_identifier");
        LastError = (delegate* unmanaged<byte*>)Export("dksim_last_error");
        Boot = (delegate* unmanaged<int>)Export("dksim_boot");
        Reset = (delegate* unmanaged<int>)Export("dksim_reset");
        CountMatching = (delegate* unmanaged<byte*, uint*, int>)Export("dksim_count_matching");
        Open = (delegate* unmanaged<byte*, uint, byte**, uint, ulong*, int>)Export("dksim_open");
        Close = (delegate* unmanaged<ulong, int>)Export("dksim_close");
        CallMethod = (delegate* unmanaged<ulong, uint, ulong*, uint, void*, ulong, ulong*, uint*, void*, ulong*, int>)Export("dksim_call_method");
        CallAsyncMethod = (delegate* unmanaged<ulong, uint, ulong*, uint, ulong*, uint, void*, ulong, ulong*, uint*, void*, ulong*, int>)Export("dksim_call_async_method");
        TakeCompletions = (delegate* unmanaged<ulong, NativeCompletion*, uint, uint*, int>)Export("dksim_take_completions");
        SetClockMode = (delegate* unmanaged<int, int>)Export("dksim_set_clock_mode");
        ClockNow = (delegate* unmanaged<ulong>)Export("dksim_clock_now");
        ClockAdvance = (delegate* unmanaged<ulong, int>)Export("dksim_clock_advance");
        LiveObjects = (delegate* unmanaged<byte*, long>)Export("dksim_live_objects");
        LiveObjectsText = (delegate* unmanaged<byte*, ulong, ulong>)Export("dksim_live_objects_text");
        ReadLog = (delegate* unmanaged<ulong, byte*, ulong, ulong>)Export("dksim_read_log");
        SetCoverageMap = (delegate* unmanaged<byte*, uint, void>)Export("dksim_set_coverage_map");
        SetLogCapture = (delegate* unmanaged<int, void>)Export("dksim_set_log_capture");
        HasCoverage = (delegate* unmanaged<int>)Export("dksim_has_coverage");
        CoverageEdges = (delegate* unmanaged<uint>)Export("dksim_coverage_edges");
        HidTakeDevice = (delegate* unmanaged<NativeHidDevice*, byte*, ulong, int>)Export("dksim_hid_take_device");
        HidTakeReport = (delegate* unmanaged<NativeHidReport*, byte*, ulong, int>)Export("dksim_hid_take_report");
        MapMemory = (delegate* unmanaged<ulong, uint, ulong*, ulong*, ulong*, int>)Export("dksim_map_memory");
        MemoryWrite = (delegate* unmanaged<ulong, ulong, void*, ulong, int>)Export("dksim_memory_write");
        MemoryRead = (delegate* unmanaged<ulong, ulong, void*, ulong, int>)Export("dksim_memory_read");
        SetDevice = (delegate* unmanaged<byte*, int>)Export("dksim_set_device");
        DeviceFeed = (delegate* unmanaged<byte*, ulong, int>)Export("dksim_device_feed");
        DeviceUnplug = (delegate* unmanaged<int>)Export("dksim_device_unplug");
        DeviceInterrupt = (delegate* unmanaged<uint, int>)Export("dksim_device_interrupt");
        TakeViolation = (delegate* unmanaged<NativeViolation*, byte*, ulong, int>)Export("dksim_take_violation");
        TakeDispatchEntries = (delegate* unmanaged<NativeDispatchEntry*, uint, uint*, int>)Export("dksim_take_dispatch_entries");
    }

    nint Export(string name)
    {
        if (NativeLibrary.TryGetExport(Handle, name, out var address)) return address;
        throw new TransportSetupException($"{Path} does not export {name}: not a dksim library or an older ABI");
    }

    static readonly Dictionary<string, DksimLibrary> Loaded = new(StringComparer.Ordinal);

    /// <summary>Loads (once per process and path) and checks the ABI version.</summary>
    public static DksimLibrary Load(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        lock (Loaded)
        {
            if (Loaded.TryGetValue(full, out var existing)) return existing;
            if (!File.Exists(full)) throw new TransportSetupException($"dext library not found: {full} (build it with dext/build-dext.sh)");
            nint handle;
            try
            {
                using var loading = Targets.BuildOutputLock.ForLoading(full); // not while another runner rebuilds it
                handle = NativeLibrary.Load(full);
            }
            catch (DllNotFoundException e)
            {
                throw new TransportSetupException($"cannot load {full}: {e.Message} (ASan builds run only in dexthost: use --transport socket)", e);
            }
            var library = new DksimLibrary(handle, full);
            var version = library.AbiVersion();
            if (version != ExpectedAbiVersion)
                throw new TransportSetupException($"{full} speaks dksim ABI {version}; this harness needs {ExpectedAbiVersion}");
            Loaded[full] = library;
            return library;
        }
    }

    public string ReadLastError() => Marshal.PtrToStringUTF8((nint)LastError()) ?? "";
}

/// <summary>dksim_completion: 160 bytes, no padding.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeCompletion
{
    public ulong Callback;
    public ulong Refcon;
    public int Status;
    public uint ArgCount;
    public fixed ulong Args[16];
    public ulong TimeNs;
}

/// <summary>dksim_hid_device: 96 bytes, no padding.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeHidDevice
{
    public ulong DeviceId;
    public ulong TimeNs;
    public ulong DescriptorLength;
    public uint ByteCount;
    public uint HasDescriptor;
    public fixed byte DeviceClass[64];
}

/// <summary>dksim_hid_report: 120 bytes, no padding.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeHidReport
{
    public ulong Timestamp;
    public ulong TimeNs;
    public uint ReportType;
    public uint Options;
    public uint ReportLength;
    public uint ByteCount;
    public ulong DescriptorLength;
    public int Status;
    public uint DroppedBefore;
    public ulong DeviceId;
    public fixed byte DeviceClass[64];
}

/// <summary>dksim_violation: 64 bytes, no padding.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeViolation
{
    public fixed byte Rule[48];
    public ulong TimeNs;
    public ulong Connection;
}

/// <summary>dksim_dispatch_entry: 48 bytes, no padding.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeDispatchEntry
{
    public ulong Connection;
    public ulong Selector;
    public uint Flags;
    public uint CheckCompletionExists;
    public uint CheckScalarInputCount;
    public uint CheckStructureInputSize;
    public uint CheckScalarOutputCount;
    public uint CheckStructureOutputSize;
    public uint Calls;
    public uint Reserved;
}

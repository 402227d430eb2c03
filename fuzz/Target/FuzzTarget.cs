using ConformanceKit.Programs;
using ConformanceKit.Runner;
using ConformanceKit.Spec;
using ConformanceKit.Transports;
using ConformanceKit.Transports.InProcess;
using ConformanceKit.Transports.Socket;

namespace ConformanceKit.Fuzz.Target;

/// <summary>
/// One fuzzer execution: decode, run on a freshly reset dext, and turn the first violation into a
/// crash. Everything is built once per process; SharpFuzz calls <see cref="Execute"/> in a loop.
/// </summary>
public sealed unsafe class FuzzTarget : IDisposable
{
    const int MapSize = 1 << 16;

    readonly ProgramDecoder _decoder;
    readonly ProgramRunner _runner;
    readonly IDextTransport _transport;
    readonly bool _nativeCoverage;
    readonly MemoryStream _input = new();
    readonly ExecutionCounter? _counter;
    byte* _attachedMap;

    public FuzzTarget(TargetSettings settings)
    {
        var spec = SpecLoader.LoadFile(settings.SpecPath);
        _decoder = new ProgramDecoder(spec);
        if (settings.Transport == TransportKind.InProcess)
        {
            var inproc = new InProcessTransport(settings.DextBinary);
            // The verdict needs no log; triage replays every finding with logs on.
            inproc.SetLogCapture(false);
            _transport = inproc;
        }
        else
        {
            _transport = new SocketTransport(settings.DextBinary, settings.CallTimeout);
        }
        _runner = new ProgramRunner(spec, _transport, RunnerOptions.Fuzzing);
        _nativeCoverage = settings.NativeCoverage;
        if (settings.StatusFile is { } status) _counter = new ExecutionCounter(status);
    }

    public void Execute(Stream stream)
    {
        AttachNativeCoverage();
        _counter?.Count();
        _input.SetLength(0);
        stream.CopyTo(_input);
        var program = _decoder.Decode(_input.GetBuffer().AsSpan(0, (int)_input.Length));
        var result = _runner.Run(program);
        if (result.Violations.Count > 0)
            throw new ViolationCrash(new Finding(_runner.Spec.Dext, result.Violations[0], program, result.DextLog, result.Crash?.Report).Signature);
    }

    /// <summary>
    /// The dext's SanitizerCoverage edges go into AFL's own map, beside the managed edges SharpFuzz
    /// records there. SharpFuzz sets the map up just before the first execution, so this runs lazily.
    /// </summary>
    void AttachNativeCoverage()
    {
        if (!_nativeCoverage) return;
        var map = SharpFuzz.Common.Trace.SharedMem;
        if (map == _attachedMap || map == null) return;
        int? shmId = int.TryParse(Environment.GetEnvironmentVariable("__AFL_SHM_ID"), out var id) ? id : null;
        _transport.Capability<ICoverageMap>()?.AttachCoverageMap(new AflCoverageMap((nint)map, shmId, MapSize));
        _attachedMap = map;
    }

    public void Dispose()
    {
        _transport.Dispose();
        _input.Dispose();
    }
}

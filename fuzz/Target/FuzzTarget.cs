using ConformanceKit.Programs;
using ConformanceKit.Runner;
using ConformanceKit.Spec;
using ConformanceKit.Transports;
using ConformanceKit.Transports.InProcess;
using ConformanceKit.Transports.Socket;

namespace ConformanceKit.Fuzz.Target;

/// <summary>
/// One fuzzer execution: decode, run on a freshly reset dext, and turn the first violation the spec
/// does not list under <c>known:</c> into a crash. A known violation is not a crash — afl-fuzz would
/// otherwise stop at a bug the user already knows, or, when every input shows it (a dext whose every
/// close breaks), not start at all — but it is never lost: <see cref="KnownHitRecorder"/> keeps the
/// first input of each known finding and counts them. Everything is built once per process;
/// SharpFuzz calls <see cref="Execute"/> in a loop.
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
    readonly KnownHitRecorder? _known;
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
            // afl-fuzz hands the target its own sanitizer settings (ASAN_, UBSAN_, LSAN_ and MSAN_OPTIONS,
            // all with symbolize=0; ASan reads LSAN_OPTIONS' common flags too), which dexthost would
            // inherit: its crash reports would lose their function names, so a crash's kind — and
            // whether the spec lists it under known: — would differ from what triage and `check` see.
            // The target itself is not sanitized; dropping them gives dexthost the harness's own
            // settings (symbolized, as everywhere else).
            foreach (var sanitizer in new[] { "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "MSAN_OPTIONS" })
                Environment.SetEnvironmentVariable(sanitizer, null);
            _transport = new SocketTransport(settings.DextBinary, settings.CallTimeout);
        }
        _runner = new ProgramRunner(spec, _transport, RunnerOptions.Fuzzing);
        _nativeCoverage = settings.NativeCoverage;
        if (settings.StatusFile is { } status) _counter = new ExecutionCounter(status);
        if (settings.KnownFolder is { } known) _known = new KnownHitRecorder(known, settings.Instance, Environment.ProcessId);
    }

    public void Execute(Stream stream)
    {
        AttachNativeCoverage();
        _counter?.Count();
        _input.SetLength(0);
        stream.CopyTo(_input);
        var bytes = _input.GetBuffer().AsSpan(0, (int)_input.Length);
        var program = _decoder.Decode(bytes);
        var result = _runner.Run(program);
        if (result.Violations.Count == 0)
        {
            _known?.Tick();
            return;
        }
        _known?.Record(_runner.Spec, program, result.Violations, bytes);
        var unknown = KnownViolations.FirstUnknown(_runner.Spec, result.Violations);
        if (unknown >= 0)
            throw new ViolationCrash(new Finding(_runner.Spec.Dext, result.Violations[unknown], program, result.DextLog, result.Crash?.Report).Signature);
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
        _known?.Flush();
        _transport.Dispose();
        _input.Dispose();
    }
}

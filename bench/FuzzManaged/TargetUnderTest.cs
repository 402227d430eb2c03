using ConformanceKit.Fuzz.Target;
using ConformanceKit.Targets;
using ConformanceKit.Transports;

namespace ConformanceKit.Fuzz.Bench;

/// <summary>
/// The fuzz target as afl-fuzz would run it, minus afl-fuzz: FuzzTarget for one campaign variant,
/// with a coverage map attached the way afl-fuzz provides it (SharpFuzz's pointer for the dext
/// in-process, __AFL_SHM_ID for dexthost). Variants: fast (cov build in-process), asan (asan-cov in
/// dexthost), socket-cov (the cov build in dexthost, which the CLI has no option for).
/// </summary>
public sealed unsafe class TargetUnderTest : IDisposable
{
    public static readonly string[] Variants = ["fast", "asan", "socket-cov"];

    readonly CoverageMap _map;

    public TargetUnderTest(DextTarget dext, string variant)
    {
        var (transport, build) = variant switch
        {
            "fast" => (TransportKind.InProcess, DextVariant.Cov),
            "asan" => (TransportKind.Socket, DextVariant.AsanCov),
            "socket-cov" => (TransportKind.Socket, DextVariant.Cov),
            _ => throw new ArgumentException($"unknown variant {variant} ({string.Join(", ", Variants)})", nameof(variant)),
        };
        dext.Build(build);
        _map = CoverageMap.Create();
        SharpFuzz.Common.Trace.SharedMem = _map.Bytes;
        Environment.SetEnvironmentVariable("__AFL_SHM_ID", _map.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var binary = transport == TransportKind.InProcess ? dext.LibraryPath(build) : dext.HostPath(build);
        Target = new FuzzTarget(new TargetSettings(dext.SpecPath, transport, binary, NativeCoverage: true, TimeSpan.FromSeconds(2), StatusFile: null));
    }

    public FuzzTarget Target { get; }

    /// <summary>Runs one input; false when it broke a rule (the target threw ViolationCrash, a crash to AFL).</summary>
    public bool Execute(Stream input)
    {
        try
        {
            Target.Execute(input);
            return true;
        }
        catch (ViolationCrash)
        {
            return false;
        }
    }

    /// <summary>
    /// Median over <paramref name="passes"/> timed passes (after one untimed warm-up pass) of the
    /// mean time per input, in microseconds. For a campaign's queue, timed outside afl-fuzz.
    /// </summary>
    public double MedianMicrosecondsPerInput(IReadOnlyList<byte[]> inputs, int passes = 5)
    {
        var streams = inputs.Select(bytes => new MemoryStream(bytes, writable: false)).ToArray();
        void Pass()
        {
            foreach (var stream in streams)
            {
                stream.Position = 0;
                Execute(stream);
            }
        }
        Pass();
        var times = new List<double>();
        for (var k = 0; k < passes; k++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            Pass();
            times.Add(clock.Elapsed.TotalMicroseconds / Math.Max(1, streams.Length));
        }
        return Statistics.Median(times);
    }

    public void Dispose()
    {
        Target.Dispose();
        SharpFuzz.Common.Trace.SharedMem = null;
        Environment.SetEnvironmentVariable("__AFL_SHM_ID", null);
        _map.Dispose();
    }
}

using BenchmarkDotNet.Attributes;
using ConformanceKit.Spec;
using ConformanceKit.Transports;

namespace ConformanceKit.Properties.Bench;

/// <summary>
/// What the property benchmarks share: each runs once per <see cref="BenchTarget"/> (a transport and a
/// dext variant), opens that target's transport in its global setup and leaves it to this class to
/// dispose. BenchmarkDotNet reads parameters and setup/cleanup methods from base classes too.
/// </summary>
public abstract class TargetBenchmark
{
    [ParamsSource(nameof(Targets))]
    public BenchTarget Target { get; set; } = BenchTarget.All.First();

    public static IEnumerable<BenchTarget> Targets => BenchTarget.All;

    /// <summary>The transport <see cref="Open"/> opened; null before the global setup.</summary>
    protected IDextTransport? Transport { get; private set; }

    /// <summary>Opens the target's transport (disposed in the global cleanup) and returns the spec it runs.</summary>
    protected (DispatchSpec Spec, IDextTransport Transport) Open()
    {
        var opened = Target.Open();
        Transport = opened.Transport;
        return opened;
    }

    [GlobalCleanup]
    public void Cleanup() => Transport?.Dispose();
}

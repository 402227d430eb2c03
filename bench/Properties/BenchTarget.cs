using ConformanceKit.Spec;
using ConformanceKit.Targets;
using ConformanceKit.Transports;

namespace ConformanceKit.Properties.Bench;

/// <summary>
/// What a benchmark runs against: dext/NullDriverHardened (every rule holds, so every case is a plain
/// pass and no time goes into shrinking) behind one transport and build variant. StepByStep makes the
/// runner send each operation of a case to dexthost on its own, as before RunProgram (protocol 7), so
/// the two are compared in one run on one machine state.
/// </summary>
public sealed record BenchTarget(TransportKind Transport, string Variant, bool StepByStep = false)
{
    /// <summary>The fastest path, the default isolation, the suite's default (ASan host), and the socket ones step by step.</summary>
    public static IEnumerable<BenchTarget> All =>
    [
        new(TransportKind.InProcess, "release"),
        new(TransportKind.Socket, "release"),
        new(TransportKind.Socket, "asan"),
        new(TransportKind.Socket, "release", StepByStep: true),
        new(TransportKind.Socket, "asan", StepByStep: true),
    ];

    public static string DextDirectory => Path.Combine(RepositoryLayout.Root, "dext", "NullDriverHardened");

    /// <summary>Builds the variant if needed (cached in build/dexts), loads the spec and opens the transport.</summary>
    public (DispatchSpec Spec, IDextTransport Transport) Open()
    {
        var target = DextTarget.Resolve(DextDirectory);
        var spec = target.LoadSpec();
        var transport = TransportFactory.Create(Transport, target, DextVariants.Parse(Variant), spec, TimeSpan.FromSeconds(5));
        return (spec, transport);
    }

    /// <summary>Shown as the benchmark parameter, e.g. "socket/asan".</summary>
    public override string ToString() => $"{Transport.Name()}/{Variant}{(StepByStep ? " step by step" : "")}";
}

using ConformanceKit.Targets;
using ConformanceKit.Transports;

namespace ConformanceKit.Fuzz.Bench;

/// <summary>A transport and build variant of NullDriver that a benchmark runs against.</summary>
public sealed record BenchTransport(TransportKind Kind, string Variant)
{
    public static readonly BenchTransport InProcessRelease = new(TransportKind.InProcess, "release");
    public static readonly BenchTransport SocketRelease = new(TransportKind.Socket, "release");
    public static readonly BenchTransport SocketAsan = new(TransportKind.Socket, "asan");

    /// <summary>In-process release, the same build in dexthost, and dexthost with ASan.</summary>
    public static IEnumerable<BenchTransport> All => [InProcessRelease, SocketRelease, SocketAsan];

    /// <summary>
    /// Builds the variant if needed (cached in build/dexts) and opens the transport as the fuzz target
    /// does: in-process without capturing the dext's log (FuzzTarget), in dexthost with it.
    /// </summary>
    public IDextTransport Open()
    {
        var transport = TransportFactory.Create(Kind, BenchInputs.Target, DextVariants.Parse(Variant), BenchInputs.Spec, TimeSpan.FromSeconds(5));
        transport.Capability<ISwitchableLogCapture>()?.SetLogCapture(false);
        return transport;
    }

    /// <summary>Shown as the benchmark parameter, e.g. "socket/asan".</summary>
    public override string ToString() => $"{Kind.Name()}/{Variant}";
}

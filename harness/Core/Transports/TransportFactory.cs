using System.Runtime.InteropServices;
using ConformanceKit.Spec;
using ConformanceKit.Targets;
using ConformanceKit.Transports.InProcess;
using ConformanceKit.Transports.Socket;

namespace ConformanceKit.Transports;

/// <summary>
/// Makes the transport the user asked for, building the dext variant it needs first. The macOS
/// transport is not in this assembly: this one is instrumented with SharpFuzz for fuzzing
/// (fuzz/Campaign/TargetBuild.cs) and IOKit.framework's plumbing must not be, so it lives in
/// ConformanceKit.Harness.MacOS (harness/MacOS), which a program offering --transport iokit
/// registers here once (<c>IOKitTransports.Register()</c>; the CLI and the property suite do).
/// </summary>
public static class TransportFactory
{
    /// <summary>Opens a real dext's service (its IOServiceNameMatching name), waiting at most the given time for it to be registered.</summary>
    public delegate IDextTransport IOKitOpener(string serviceName, TimeSpan serviceWait);

    static IOKitOpener? _iokit;

    /// <summary>The one-line answer for --transport iokit anywhere but macOS.</summary>
    public static string NotMacOSMessage =>
        "--transport iokit needs macOS with the dext installed (IOKit.framework); this is " + RuntimeInformation.OSDescription;

    /// <summary>Registers what makes the <see cref="TransportKind.IOKit"/> transport (the last registration wins).</summary>
    public static void UseIOKit(IOKitOpener open) => Volatile.Write(ref _iokit, open);

    /// <param name="spec">The dext's spec: the iokit transport opens its service (the simulator's need none, as `spec init` has none yet).</param>
    public static IDextTransport Create(TransportKind kind, DextTarget target, DextVariant variant, DispatchSpec? spec, TimeSpan callTimeout, TextWriter? buildLog = null)
    {
        switch (kind)
        {
            case TransportKind.InProcess:
                if (variant.HasAsan())
                    throw new TransportSetupException($"the {variant.Name()} build runs only inside dexthost: use --transport socket, or --variant release for inproc");
                target.Build(variant, buildLog);
                return new InProcessTransport(target.LibraryPath(variant));
            case TransportKind.Socket:
                target.Build(variant, buildLog);
                return new SocketTransport(target.HostPath(variant), callTimeout);
            case TransportKind.IOKit:
                // The installed dext is what runs: nothing is built, and the variant does not apply.
                // callTimeout also bounds the wait for the service to be registered.
                if (!OperatingSystem.IsMacOS()) throw new TransportSetupException(NotMacOSMessage);
                var open = Volatile.Read(ref _iokit) ?? throw new TransportSetupException(
                    "--transport iokit: this program was built without the macOS transport (ConformanceKit.Harness.MacOS is not registered)");
                if (spec is null) throw new TransportSetupException("--transport iokit needs the dext's spec (its service name)");
                return open(spec.Service, callTimeout);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }
}

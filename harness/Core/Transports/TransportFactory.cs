using ConformanceKit.Spec;
using ConformanceKit.Targets;
using ConformanceKit.Transports.InProcess;
using ConformanceKit.Transports.MacOS;
using ConformanceKit.Transports.Socket;

namespace ConformanceKit.Transports;

/// <summary>Makes the transport the user asked for, building the dext variant it needs first.</summary>
public static class TransportFactory
{
    public static IDextTransport Create(TransportKind kind, DextTarget target, DextVariant variant, DispatchSpec spec, TimeSpan callTimeout, TextWriter? buildLog = null)
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
                if (!OperatingSystem.IsMacOS()) throw new TransportSetupException(IOKitPlatform.NotMacOSMessage);
                return new IOKitTransport(spec.Service, callTimeout);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }
}

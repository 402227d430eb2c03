using ConformanceKit.Spec;
using ConformanceKit.Targets;
using ConformanceKit.Transports.InProcess;
using ConformanceKit.Transports.Socket;

namespace ConformanceKit.Transports;

/// <summary>Makes the transport the user asked for, building the dext variant it needs first.</summary>
public static class TransportFactory
{
    public static IDextTransport Create(string kind, DextTarget target, DextVariant variant, DispatchSpec spec, TimeSpan callTimeout, TextWriter? buildLog = null)
    {
        switch (kind)
        {
            case "inproc":
                if (variant.HasAsan())
                    throw new TransportSetupException($"the {variant.Name()} build runs only inside dexthost: use --transport socket, or --variant release for inproc");
                target.Build(variant, buildLog);
                return new InProcessTransport(target.LibraryPath(variant));
            case "socket":
                target.Build(variant, buildLog);
                return new SocketTransport(target.HostPath(variant), callTimeout);
            case "iokit":
                throw new TransportSetupException("--transport iokit needs macOS with the dext installed (IOKit.framework); this is " + System.Runtime.InteropServices.RuntimeInformation.OSDescription);
            default:
                throw new TransportSetupException($"unknown transport '{kind}' (inproc, socket, iokit)");
        }
    }
}

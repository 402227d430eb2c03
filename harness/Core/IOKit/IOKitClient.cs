using ConformanceKit.Transports;

namespace ConformanceKit.IOKit;

/// <summary>
/// An app's view of IOKitLib over any transport: find a service by name, open it, call it.
/// <code>
/// var client = new IOKitClient(transport);
/// var service = client.GetMatchingService("NullDriver") ?? throw ...;   // IOServiceGetMatchingService(IOServiceNameMatching(..))
/// var status = client.ServiceOpen(service, 0, ["com.example.NullDriver"], out var connect);
/// var result = connect!.CallScalarMethod(2, inputs, outputs);
/// </code>
/// </summary>
public sealed class IOKitClient(IDextTransport transport)
{
    public IDextTransport Transport { get; } = transport;

    /// <summary>IOServiceGetMatchingService(IOServiceNameMatching(name)): null when nothing matches.</summary>
    public IOService? GetMatchingService(string name) =>
        Transport.CountMatching(name) > 0 ? new IOService(name) : null;

    /// <summary>IOServiceOpen(service, mach_task_self(), type, &amp;connect) for an app with these userclient-access ids.</summary>
    public IOReturn ServiceOpen(IOService service, uint type, IReadOnlyList<string> userClientAccess, out IOConnection? connection)
    {
        var status = Transport.Open(service.Name, type, userClientAccess, out var handle);
        connection = status.IsSuccess ? new IOConnection(Transport, handle) : null;
        return status;
    }
}

/// <summary>An io_service_t found by name matching.</summary>
public sealed record IOService(string Name);

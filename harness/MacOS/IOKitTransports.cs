namespace ConformanceKit.Transports.MacOS;

/// <summary>Makes <see cref="IOKitTransport"/> what the core's <see cref="TransportFactory"/> opens for --transport iokit.</summary>
public static class IOKitTransports
{
    /// <summary>Once per process, before the first transport is made (idempotent).</summary>
    public static void Register() => TransportFactory.UseIOKit(Open);

    static IDextTransport Open(string serviceName, TimeSpan serviceWait) =>
        OperatingSystem.IsMacOS()
            ? new IOKitTransport(serviceName, serviceWait)
            : throw new TransportSetupException(TransportFactory.NotMacOSMessage);
}

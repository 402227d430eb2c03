using ConformanceKit.IOKit;

namespace ConformanceKit.Transports.Socket;

/// <summary>The simulated device, through dexthost's SetDevice, FeedDevice, UnplugDevice, RaiseInterrupt and TakeViolations (protocol 5).</summary>
public sealed partial class SocketTransport : ISimulatedDevice
{
    /// <summary>Sent after every reset, before the boot (<see cref="BootFresh"/>).</summary>
    byte[]? _deviceDescription;

    public IOReturn DescribeDevice(string description)
    {
        _deviceDescription = System.Text.Encoding.UTF8.GetBytes(description);
        return IOReturn.Success;
    }

    public IOReturn FeedDevice(ReadOnlySpan<byte> bytes) => new((uint)Client().FeedDevice(bytes));

    public IOReturn UnplugDevice() => new((uint)Client().UnplugDevice());

    public IOReturn RaiseInterrupt(uint index) => new((uint)Client().RaiseInterrupt(index));

    public void TakeViolations(List<RuntimeViolation> sink) => Client().TakeViolations(sink);
}

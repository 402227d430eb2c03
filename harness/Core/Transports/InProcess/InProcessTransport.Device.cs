using System.Text;
using ConformanceKit.IOKit;

namespace ConformanceKit.Transports.InProcess;

/// <summary>The simulated device, through dksim_set_device, dksim_device_feed, dksim_device_unplug, dksim_device_interrupt and dksim_take_violation.</summary>
public sealed unsafe partial class InProcessTransport : ISimulatedDevice
{
    const int NotFound = unchecked((int)0xE00002F0); // kIOReturnNotFound: no violation left

    /// <summary>Applied after every reset, before the boot.</summary>
    string? _deviceDescription;

    public IOReturn DescribeDevice(string description)
    {
        _deviceDescription = description;
        return IOReturn.Success;
    }

    void ApplyDeviceDescription()
    {
        fixed (byte* text = Utf8(_deviceDescription!))
            Check(_library.SetDevice(text), "dksim_set_device");
    }

    public IOReturn FeedDevice(ReadOnlySpan<byte> bytes)
    {
        fixed (byte* pointer = bytes)
            return new IOReturn((uint)_library.DeviceFeed(pointer, (ulong)bytes.Length));
    }

    public IOReturn UnplugDevice() => new((uint)_library.DeviceUnplug());

    public IOReturn RaiseInterrupt(uint index) => new((uint)_library.DeviceInterrupt(index));

    public void TakeViolations(List<RuntimeViolation> sink)
    {
        var message = new byte[4096];
        while (true)
        {
            NativeViolation violation;
            int status;
            fixed (byte* text = message)
                status = _library.TakeViolation(&violation, text, (ulong)message.Length);
            if (status == NotFound || status != 0) return;
            sink.Add(new RuntimeViolation(Terminated(new ReadOnlySpan<byte>(violation.Rule, 48)), violation.TimeNs,
                violation.Connection, Terminated(message)));
        }
    }

    static string Terminated(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]);
    }
}

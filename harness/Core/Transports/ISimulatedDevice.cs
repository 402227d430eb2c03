using ConformanceKit.IOKit;

namespace ConformanceKit.Transports;

/// <summary>
/// A transport that drives the device under a USB or PCI dext (docs/devices.md): its description, the
/// device data it sends, its interrupts and its unplugging, and the rules the runtime saw broken that no
/// return code shows (pipe IO after Stop, DMA left prepared). The simulator's transports; reach it
/// through <see cref="IDextTransport.Capability{T}"/>.
/// </summary>
public interface ISimulatedDevice
{
    /// <summary>
    /// The device's description (an XML property list; "" for none) that every later reset boots the dext
    /// on (dksim_set_device between dksim_reset and dksim_boot): a transport boots in its reset, and a
    /// host it restarts after a crash must boot on the same device. Kept by the transport, so it
    /// returns Success; a description the runtime refuses fails the next reset with the runtime's reason.
    /// </summary>
    IOReturn DescribeDevice(string description);

    /// <summary>dksim_device_feed: bytes the device sends next; transfers waiting for data are served.</summary>
    IOReturn FeedDevice(ReadOnlySpan<byte> bytes);

    /// <summary>dksim_device_unplug: the device goes away under the dext.</summary>
    IOReturn UnplugDevice();

    /// <summary>dksim_device_interrupt: the device raises interrupt <paramref name="index"/>.</summary>
    IOReturn RaiseInterrupt(uint index);

    /// <summary>dksim_take_violation: every recorded rule violation, oldest first, into sink.</summary>
    void TakeViolations(List<RuntimeViolation> sink);
}

/// <summary>A rule the runtime saw broken: its rule id, when, on which connection (0: the dext's own work), and what.</summary>
public sealed record RuntimeViolation(string Rule, ulong TimeNs, ulong Connection, string Message);

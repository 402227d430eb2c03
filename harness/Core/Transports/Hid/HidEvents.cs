namespace ConformanceKit.Transports.Hid;

/// <summary>
/// What the dext's HID devices did since the last take: devices started (their report descriptors)
/// and reports posted, each oldest first. A device starts before it posts, so a reader that handles
/// the devices first knows the descriptor of every report's device.
/// </summary>
public sealed class HidEvents
{
    public List<HidDeviceStart> Devices { get; } = [];
    public List<HidReport> Reports { get; } = [];

    public bool IsEmpty => Devices.Count == 0 && Reports.Count == 0;

    public void Clear()
    {
        Devices.Clear();
        Reports.Clear();
    }
}

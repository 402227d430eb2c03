namespace ConformanceKit.Transports;

/// <summary>
/// A transport that can read the report descriptors and reports of the dext's HIDDriverKit devices
/// (the simulator; on a Mac they go to the system's HID stack): what rule hid.reports judges. Reach
/// it through <see cref="IDextTransport.Capability{T}"/>.
/// </summary>
public interface IHidReports
{
    /// <summary>Moves what the dext's HID devices did since the last take into sink.</summary>
    void TakeHidEvents(Hid.HidEvents sink);
}

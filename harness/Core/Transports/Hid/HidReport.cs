namespace ConformanceKit.Transports.Hid;

/// <summary>
/// One IOHIDDevice::handleReport call of the dext (HIDDriverKit IOHIDDevice.iig), as the runtime
/// recorded it (dksim_hid_report in dksim.h): refused ones too, with the status the dext got back.
/// </summary>
/// <param name="DeviceId">The posting device (see <see cref="HidDeviceStart.DeviceId"/>).</param>
/// <param name="Timestamp">The timestamp argument as the dext passed it.</param>
/// <param name="TimeNs">The simulator's clock at the call.</param>
/// <param name="ReportType">IOHIDReportType: 0 input, 1 output, 2 feature (other values as passed).</param>
/// <param name="Options">The options argument.</param>
/// <param name="ReportLength">The reportLength argument: how many bytes the system reads.</param>
/// <param name="DescriptorLength">Length of the report's memory descriptor.</param>
/// <param name="Status">What handleReport returned to the dext (an IOReturn).</param>
/// <param name="DroppedBefore">Reports the runtime dropped (over its 4096-report cap) just before this one.</param>
/// <param name="DeviceClass">The device's class name.</param>
/// <param name="Bytes">The bytes posted: ReportLength of them, cut to the memory descriptor and to 64 KiB.</param>
public sealed record HidReport(ulong DeviceId, ulong Timestamp, ulong TimeNs, uint ReportType, uint Options, uint ReportLength,
    ulong DescriptorLength, int Status, uint DroppedBefore, string DeviceClass, byte[] Bytes)
{
    /// <summary>input, output, feature, or the number for any other value.</summary>
    public string TypeName => TypeNameOf(ReportType);

    public static string TypeNameOf(uint type) => type switch
    {
        0 => "input",
        1 => "output",
        2 => "feature",
        _ => "type" + type.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

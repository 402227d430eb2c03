namespace ConformanceKit.Transports.Hid;

/// <summary>
/// An IOUserHIDDevice of the dext started: the report descriptor its newReportDescriptor returned
/// (HIDDriverKit IOUserHIDDevice.iig), as the runtime recorded it (dksim_hid_device in dksim.h).
/// </summary>
/// <param name="DeviceId">The number the device is known by since the last reset (1, 2, ...); its reports carry it.</param>
/// <param name="TimeNs">The simulator's clock when Start obtained the descriptor.</param>
/// <param name="DescriptorLength">Length of the OSData returned (0 when it was NULL).</param>
/// <param name="HasDescriptor">False when newReportDescriptor returned NULL (the device then fails to start).</param>
/// <param name="DeviceClass">The device's class name (its IOUserClass).</param>
/// <param name="Descriptor">The descriptor's bytes, at most 64 KiB of them.</param>
public sealed record HidDeviceStart(ulong DeviceId, ulong TimeNs, ulong DescriptorLength, bool HasDescriptor, string DeviceClass, byte[] Descriptor);

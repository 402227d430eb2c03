namespace ConformanceKit.Programs;

/// <summary>
/// The device sends Bytes: they join the device data the dext's device reads from (docs/devices.md), and
/// transfers that waited for data are served. The second input stream of a program: what a hostile
/// device answers.
/// </summary>
public sealed record DeviceDataStep(EquatableArray<byte> Bytes) : Step
{
    /// <summary>The most bytes one step sends (the reproducer shows them all).</summary>
    public const int MaxBytes = 1 << 16;
}

/// <summary>The device is unplugged under the dext: transfers in flight fail, user clients are terminated, services stopped.</summary>
public sealed record UnplugStep : Step;

/// <summary>The device raises interrupt Index (PCI: the MSI vector).</summary>
public sealed record InterruptStep(uint Index) : Step
{
    public const uint MaxIndex = 63;
}

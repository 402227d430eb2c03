namespace ConformanceKit.Spec;

/// <summary>
/// The spec's <c>device:</c> section: the simulated device under a USB or PCI dext (docs/devices.md).
/// Its presence is what makes programs drive the device (device data, unplug, interrupts); its keys are
/// the runtime's description keys, handed over unchanged as an XML property list
/// (<see cref="Description"/>). An empty section (<c>device: {}</c>) keeps the device the runtime makes
/// from the personality's matching keys.
/// </summary>
public sealed record DeviceSpec(string Description, int Interrupts)
{
    /// <summary>Interrupt vectors programs raise when the section does not say (<c>interrupts:</c>).</summary>
    public const int DefaultInterrupts = 1;
}

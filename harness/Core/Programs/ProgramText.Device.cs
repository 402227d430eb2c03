using System.Globalization;

namespace ConformanceKit.Programs;

/// <summary>
/// The text of the device steps:
/// <code>
/// device-data in=ff0400       # the device sends these bytes next
/// interrupt 0                 # the device raises interrupt 0
/// unplug                      # the device goes away
/// </code>
/// </summary>
public static partial class ProgramText
{
    static string FormatDeviceData(DeviceDataStep data) =>
        $"device-data in={(data.Bytes.Count > 0 ? FormatBytes(data.Bytes.AsSpan()) : "")}";

    static string FormatInterrupt(InterruptStep interrupt) => $"interrupt {interrupt.Index.ToString(CultureInfo.InvariantCulture)}";

    static DeviceDataStep ParseDeviceData(string[] words)
    {
        byte[] bytes = [];
        foreach (var (key, value) in Options(words, 1))
        {
            switch (key)
            {
                case "in": bytes = value.Length == 0 ? [] : ParseBytes(value); break;
                default: throw new FormatException($"device-data: unknown option '{Shown(key)}' (known: in)");
            }
        }
        return new DeviceDataStep(bytes);
    }

    static InterruptStep ParseInterrupt(string[] words) =>
        new((uint)ParseNumber(Argument(words, 1, "interrupt needs a vector like 0"), InterruptStep.MaxIndex, "interrupt"));

    static UnplugStep ParseUnplug(string[] words) =>
        words.Length == 1 ? new UnplugStep() : throw new FormatException("unplug takes nothing after it");
}

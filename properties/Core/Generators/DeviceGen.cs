using ConformanceKit.Programs;
using ConformanceKit.Spec;
using FsCheck;
using FsCheck.Fluent;

namespace ConformanceKit.Properties.Generators;

/// <summary>
/// The device model of the suite, for a spec with a <c>device:</c> section: a hostile device answers
/// with boundary values. Device data comes as 64 bytes of one value — a 32-bit word just past a small
/// table (8, 9, 16, 17, 64, 65, 256), at the top of its range (0x7fffffff, 0xffffffff), zero, or runs of
/// 0xff and 0x80 and a ramp — so whatever offset and width the dext reads a length, count or index from, it
/// reads that value. Around a call it is sent before (what the handler reads at once) and after (what a
/// transfer waiting for data is served); interrupts and an unplug with the call in flight complete the
/// device's moves.
/// </summary>
public static class DeviceGen
{
    static readonly uint[] Words = [0, 8, 9, 16, 17, 64, 65, 256, 0x7FFFFFFF, 0xFFFFFFFF];
    static readonly byte[] Fills = [0xFF, 0x80, 0x41];
    const int DataBytes = 64;

    /// <summary>The sweep around one call: each boundary value before and after it, each interrupt after it, the unplug after it; time passes at the end of each.</summary>
    public static IEnumerable<Step[]> Around(DeviceSpec device, Step call, ulong waitNs)
    {
        var wait = new WaitStep(waitNs);
        foreach (var data in BoundaryData())
            yield return [data, call, data, wait];
        for (var vector = 0u; vector < device.Interrupts; vector++)
            yield return [call, new InterruptStep(vector), wait];
        yield return [call, new UnplugStep(), wait];
    }

    /// <summary>Every boundary device datum: each word repeated, each byte run.</summary>
    public static IEnumerable<DeviceDataStep> BoundaryData() =>
        Words.Select(Word).Concat(Fills.Select(fill => new DeviceDataStep(ProgramData.Bytes(DataBytes, fill))));

    /// <summary>One device move: boundary data (most often), an interrupt, or (rarely) the unplug.</summary>
    public static Gen<Step> Event(DeviceSpec device) => Gen.Frequency(
        (6, Gen.Elements(BoundaryData().ToArray()).Select(data => (Step)data)),
        (2, Gen.Choose(0, Math.Max(0, device.Interrupts - 1)).Select(vector => (Step)new InterruptStep((uint)vector))),
        (1, Gen.Constant((Step)new UnplugStep())));

    static DeviceDataStep Word(uint value)
    {
        var bytes = new byte[DataBytes];
        for (var k = 0; k < DataBytes; k += 4) BitConverter.TryWriteBytes(bytes.AsSpan(k), value);
        return new DeviceDataStep(bytes);
    }
}

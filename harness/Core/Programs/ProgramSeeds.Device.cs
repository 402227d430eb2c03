namespace ConformanceKit.Programs;

/// <summary>
/// Seeds for a dext's device (a spec with a <c>device:</c> section): per selector its well-shaped call
/// with the device sending all-ones before it (every length, count and index the dext reads from the
/// device at its largest) and after it (what a waiting transfer is then served), with an interrupt after
/// it, and with the device unplugged after it and then time passing (completions and timers of a
/// request in flight when the device went away). The async protocol is seeded the same way: register,
/// request, unplug, wait.
/// </summary>
public sealed partial class ProgramSeeds
{
    static byte DeviceOp(int kind) => (byte)(ProgramDecoder.DeviceBit | (kind << 5) | OpWait);

    static byte[] AllOnesData => [DeviceOp(ProgramDecoder.DeviceRawData), ProgramDecoder.MaxRawDeviceBytes, .. Enumerable.Repeat((byte)0xFF, ProgramDecoder.MaxRawDeviceBytes)];

    IEnumerable<(string, byte[])> DeviceSeeds()
    {
        if (_spec.Device is null) yield break;
        byte[] unplug = [DeviceOp(ProgramDecoder.DeviceUnplug)];
        byte[] interrupt = [DeviceOp(ProgramDecoder.DeviceInterrupt), 0];
        for (var index = 0; index < _spec.Selectors.Length; index++)
        {
            var entry = _spec.Selectors[index];
            var call = DeclaredCall(entry, index).Encode();
            yield return ($"sel{entry.Selector}-device-ones-first", [.. AllOnesData, .. call]);
            yield return ($"sel{entry.Selector}-device-ones-after", [.. call, .. AllOnesData, OpWait, WaitPastDeadline]);
            yield return ($"sel{entry.Selector}-interrupt", [.. call, .. interrupt, OpWait, WaitPastDeadline]);
            yield return ($"sel{entry.Selector}-unplug", [.. call, .. unplug, OpWait, WaitPastDeadline]);
        }
        yield return ("device-unplug", [.. unplug, OpWait, WaitPastDeadline]);
        if (_spec.RegisterSelector is { } register && _spec.Selectors.FirstOrDefault(s => s.Role == Spec.AsyncRole.Request) is { } request)
            yield return ("async-request-unplug", [.. Declared(register), .. Declared(request), .. unplug, OpWait, WaitPastDeadline]);
    }

    /// <summary>Dictionary tokens of the device steps: the unplug, an interrupt, a run of all-ones data (none without a device).</summary>
    IEnumerable<(string, byte[])> DeviceTokens()
    {
        if (_spec.Device is null) yield break;
        yield return ("device_unplug", [DeviceOp(ProgramDecoder.DeviceUnplug)]);
        yield return ("device_interrupt", [DeviceOp(ProgramDecoder.DeviceInterrupt), 0]);
        yield return ("device_ones", AllOnesData);
    }
}

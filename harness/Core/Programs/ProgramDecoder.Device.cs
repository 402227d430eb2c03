namespace ConformanceKit.Programs;

/// <summary>
/// The device steps of the byte form, for a spec with a <c>device:</c> section: an opcode whose low three
/// bits say wait (5) and whose top bit is set is a device step instead, so the fuzzer controls what the
/// device sends, when it interrupts and when it goes away. The raw bytes of a device-data step are the
/// input's own bytes, so AFL mutates a malicious length or index in place.
/// <code>
/// op & 7 == 5, op & 0x80:  kind = op >> 5 & 3
///   0 device-data: n (n % 33 bytes follow) · the bytes
///   1 device-data word: value (a boundary word of the memory table, 4 bytes, or 8 when value & 0x80)
///   2 interrupt:   vector (modulo the spec's interrupt count)
///   3 unplug
/// </code>
/// Without a device: section the opcode is a wait, as it always was.
/// </summary>
public sealed partial class ProgramDecoder
{
    public const byte DeviceBit = 0x80;
    public const byte DeviceRawData = 0, DeviceWordData = 1, DeviceInterrupt = 2, DeviceUnplug = 3;
    public const int MaxRawDeviceBytes = 32;

    bool IsDeviceOp(byte op) => (op & 7) == 5 && (op & DeviceBit) != 0 && _spec.Device is not null;

    void DecodeDevice(ref ByteReader reader, byte op, List<Step> steps)
    {
        switch ((op >> 5) & 3)
        {
            case DeviceRawData:
                var count = reader.Next() % (MaxRawDeviceBytes + 1);
                var raw = new byte[count]; // bytes past the input's end read as 0, as every operand does
                reader.Take(count).CopyTo(raw);
                steps.Add(new DeviceDataStep(raw));
                break;
            case DeviceWordData:
                var value = reader.Next();
                var word = BitConverter.GetBytes(WordTable[(value & 0x7F) % WordTable.Length]);
                steps.Add(new DeviceDataStep((value & 0x80) != 0 ? word : word[..4]));
                break;
            case DeviceInterrupt:
                steps.Add(new InterruptStep((uint)(reader.Next() % Math.Max(1, _spec.Device!.Interrupts))));
                break;
            default:
                steps.Add(new UnplugStep());
                break;
        }
    }
}

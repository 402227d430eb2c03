namespace ConformanceKit.Programs;

/// <summary>
/// The input values of decoded and generated calls, derived from one data byte so that a fuzzer
/// reaches zeros, all-ones and ordinary patterns by changing a single byte.
/// </summary>
public static class ProgramData
{
    public static ulong[] Scalars(int count, byte data)
    {
        var values = new ulong[count];
        for (var k = 0; k < count; k++) values[k] = Scalar(k, data);
        return values;
    }

    public static ulong Scalar(int index, byte data) => data switch
    {
        0 => 0,
        0xFF => ulong.MaxValue,
        >= 0x80 => ulong.MaxValue - (ulong)index, // values near the top, where +1 wraps
        _ => (ulong)data * 0x100 + (ulong)index,
    };

    public static byte[] Bytes(int size, byte data)
    {
        var bytes = new byte[size];
        if (data == 0) return bytes;
        if (data >= 0x80)
        {
            Array.Fill(bytes, data);
            return bytes;
        }
        for (var k = 0; k < size; k++) bytes[k] = (byte)(data + k);
        return bytes;
    }
}

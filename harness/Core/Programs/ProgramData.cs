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

    /// <summary>
    /// Struct input bytes. Fuzzed programs ask for kilobytes per call, so this is on the fuzzer's hot
    /// path: the array is filled in bulk and handed over without the copy a conversion would make.
    /// </summary>
    public static EquatableArray<byte> Bytes(int size, byte data)
    {
        if (data == 0) return EquatableArray<byte>.TakeOwnership(new byte[size]);
        var bytes = GC.AllocateUninitializedArray<byte>(size);
        var span = bytes.AsSpan();
        if (data >= 0x80)
        {
            span.Fill(data);
            return EquatableArray<byte>.TakeOwnership(bytes);
        }
        // data + k (mod 256) repeats every 256 bytes: write one period, then double what is written.
        var written = Math.Min(size, 256);
        for (var k = 0; k < written; k++) span[k] = (byte)(data + k);
        while (written < size)
        {
            var length = Math.Min(written, size - written);
            span[..length].CopyTo(span[written..]);
            written += length;
        }
        return EquatableArray<byte>.TakeOwnership(bytes);
    }
}

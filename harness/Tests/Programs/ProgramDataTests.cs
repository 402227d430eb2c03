using ConformanceKit.Programs;

namespace ConformanceKit.Tests.Programs;

public class ProgramDataTests
{
    /// <summary>The definition the bulk fill must match: byte k is data + k (mod 256), 0 and data >= 0x80 fill.</summary>
    static byte Expected(int index, byte data) => data switch
    {
        0 => 0,
        >= 0x80 => data,
        _ => (byte)(data + index),
    };

    [TestCase(0), TestCase(1), TestCase(255), TestCase(256), TestCase(257), TestCase(511), TestCase(512),
     TestCase(513), TestCase(4097), TestCase(65536)]
    public void BytesFollowTheirDataByteAtEverySize(int size)
    {
        foreach (var data in new byte[] { 0, 1, 0x41, 0x7F, 0x80, 0xFF })
        {
            var bytes = ProgramData.Bytes(size, data);
            Assert.That(bytes.Count, Is.EqualTo(size));
            for (var k = 0; k < size; k++)
                if (bytes[k] != Expected(k, data))
                    Assert.Fail($"size {size}, data 0x{data:X2}: byte {k} is 0x{bytes[k]:X2}, expected 0x{Expected(k, data):X2}");
        }
    }
}

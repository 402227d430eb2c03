using System.Diagnostics;
using System.Text;
using ConformanceKit.Programs;

namespace ConformanceKit.Tests.Programs;

/// <summary>
/// Program text that asks for more than the harness passes is refused while it is read — from the
/// sizes written in it, before anything that size is allocated — and byte counts cannot overflow
/// when they are added up. A file's problems name the file and the line.
/// </summary>
public class ProgramTextLimitsTests
{
    const ulong Max = ProgramValidity.MaxStructBytes;

    /// <summary>Runs <paramref name="parse"/>, which must fail with a FormatException, and returns it with what it allocated and how long it took.</summary>
    static (FormatException Error, long Allocated, TimeSpan Took) Refused(Action parse)
    {
        var clock = Stopwatch.StartNew();
        var before = GC.GetAllocatedBytesForCurrentThread();
        FormatException? error = null;
        try
        {
            parse();
        }
        catch (FormatException e)
        {
            error = e;
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(error, Is.Not.Null, "the text must be refused");
        return (error!, allocated, clock.Elapsed);
    }

    [TestCase("00*1073741824", "at least 1073741824 bytes")]
    [TestCase("00*1073741824+00*1073741824", "at least 1073741824 bytes")]
    [TestCase("00*16777216+00*18446744073709551615", "more than 18446744073709551615 bytes")]
    [TestCase("00*18446744073709551615+00*18446744073709551615", "at least 18446744073709551615 bytes")]
    [TestCase("00*16777215+00*18446744073709551615", "more than 18446744073709551615 bytes")]
    [TestCase("ff*8388608+00*8388608+01", "at least 16777217 bytes")]
    [TestCase("00*4294967296", "at least 4294967296 bytes")]
    [TestCase("00*2147483648", "at least 2147483648 bytes")]
    public void AnInputTooLargeIsRefusedBeforeItIsAllocated(string input, string size)
    {
        var (error, allocated, took) = Refused(() => ProgramText.Parse($"open c0\ncall c0 1 in={input}\n"));
        Assert.Multiple(() =>
        {
            Assert.That(error, Is.TypeOf<ProgramFormatException>());
            Assert.That(((ProgramFormatException)error).Line, Is.EqualTo(2));
            Assert.That(error.Message, Does.Contain($"in: {size} of structure input, over the {Max}"));
            Assert.That(allocated, Is.LessThan(1 << 20), "refused from the counts, without allocating the bytes");
            Assert.That(took, Is.LessThan(TimeSpan.FromSeconds(2)));
        });
    }

    [Test]
    public void TooManyU64WordsAreRefusedBeforeTheirBytesAreAllocated()
    {
        var text = "u64:" + string.Join(',', Enumerable.Repeat("1", (int)(Max / 8) + 1));
        var (error, allocated, _) = Refused(() => ProgramText.ParseBytes(text));
        Assert.That(error.Message, Does.Contain($"{Max / 8 + 1} u64 words"));
        Assert.That(allocated, Is.LessThan(1 << 20), "no array of the words, no array of the bytes");
    }

    [Test]
    public void TooManyScalarsAreRefusedBeforeTheyAreParsed()
    {
        var scalars = string.Join(',', Enumerable.Repeat("1", 100_000));
        var e = Assert.Throws<ProgramFormatException>(() => ProgramText.Parse($"open c0\ncall c0 0 scalars={scalars}\n"))!;
        Assert.That(e.Message, Is.EqualTo($"line 2: scalars: 100000 values; the harness passes at most {ProgramValidity.MaxScalarInputs}"));
    }

    [Test]
    public void TheLargestInputIsAcceptedAndOneMoreByteIsNot()
    {
        Assert.That(ProgramText.ParseBytes($"ab*{Max}"), Has.Length.EqualTo((int)Max).And.All.EqualTo((byte)0xab));
        Assert.That(ProgramText.ParseBytes($"01+ab*{Max - 2}+02"), Has.Length.EqualTo((int)Max));
        Assert.That(() => ProgramText.ParseBytes($"01+ab*{Max - 1}+02"), Throws.InstanceOf<FormatException>().With.Message.Contain($"at least {Max + 1} bytes"));
    }

    [TestCase("01+00*3+0203", new byte[] { 1, 0, 0, 0, 2, 3 })]
    [TestCase("", new byte[0])]
    [TestCase("0a0B", new byte[] { 10, 11 })]
    [TestCase("ff*2+", new byte[] { 255, 255 })]
    [TestCase("00*0", new byte[0])]
    public void SegmentsAreStillReadAsBefore(string text, byte[] bytes) => Assert.That(ProgramText.ParseBytes(text), Is.EqualTo(bytes));

    [TestCase("abc", "'abc' is not hex bytes")]
    [TestCase("zz", "'zz' is not hex bytes")]
    [TestCase("0*5", "'0*5' must repeat one byte")]
    [TestCase("0000*5", "'0000*5' must repeat one byte")]
    [TestCase("zz*5", "'zz*5' must repeat one byte")]
    [TestCase("00*", "repeat count: '' is not a number")]
    [TestCase("00*-1", "repeat count: '-1' is not a number")]
    [TestCase("00*99999999999999999999", "repeat count: '99999999999999999999' is not a number")]
    public void MalformedSegmentsSayWhich(string text, string problem) =>
        Assert.That(() => ProgramText.ParseBytes(text), Throws.InstanceOf<FormatException>().With.Message.Contain(problem));

    [Test]
    public void AMessageQuotesAWordShortlyAndOnOneLine()
    {
        var e = Assert.Throws<ProgramFormatException>(() => ProgramText.Parse(new string('x', 100_000) + "\u0001\n"))!;
        Assert.That(e.Message, Is.EqualTo($"line 1: unknown step '{new string('x', 40)}…' (expected open, close, call, async, wait, map, poke, peek, device-data, unplug or interrupt)"));
        var control = Assert.Throws<ProgramFormatException>(() => ProgramText.Parse("open\u0001 c0\n"))!;
        Assert.That(control.Message, Does.Contain("unknown step 'open?'"));
        Assert.That(new ProgramFormatException(3, "two\nlines").Message, Is.EqualTo("line 3: two\\nlines"));
        Assert.That(new ProgramFormatException("f.txt", 3, "problem").Message, Is.EqualTo("f.txt:3: problem"));
    }

    [Test]
    public void AFileNamesItselfAndTheLine()
    {
        var folder = Directory.CreateTempSubdirectory("ck-program-file-").FullName;
        try
        {
            var path = Path.Combine(folder, "repro.txt");
            File.WriteAllText(path, "open c0\ncall c1 1\n");
            var e = Assert.Throws<ProgramFormatException>(() => ProgramText.ParseFile(path))!;
            Assert.That(e.Message, Is.EqualTo($"{path}:2: c1 is not open"));
            Assert.That((e.File, e.Line), Is.EqualTo((path, 2)));

            File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes("open c0\n# ok\ncall c0 1 "), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\n")]);
            Assert.That(() => ProgramText.ParseFile(path), Throws.TypeOf<ProgramFormatException>().With.Message.EqualTo($"{path}:3: not UTF-8 text: byte 0xc3 at column 11 (is this a program file?)"));

            File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("open c0\nclose c0\n")]);
            Assert.That(ProgramText.ParseFile(path).Count, Is.EqualTo(2), "a UTF-8 byte order mark is fine");

            Assert.That(() => ProgramText.ParseFile(folder), Throws.TypeOf<ProgramFormatException>().With.Message.EqualTo($"{folder}: is a directory, not a program file"));
            Assert.That(() => ProgramText.ParseFile(Path.Combine(folder, "none")), Throws.TypeOf<ProgramFormatException>().With.Message.EndsWith("none: no such file"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void AnEndlessFileIsReadNoFurtherThanTheLimit()
    {
        if (!File.Exists("/dev/zero")) Assert.Ignore("no /dev/zero here");
        var clock = Stopwatch.StartNew();
        Assert.That(() => ProgramText.ParseFile("/dev/zero"), Throws.TypeOf<ProgramFormatException>().With.Message.EqualTo("/dev/zero: larger than 64 MiB: not a program"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
    }
}

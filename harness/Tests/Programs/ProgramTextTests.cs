using ConformanceKit.Programs;
using ConformanceKit.Tests.Support;

namespace ConformanceKit.Tests.Programs;

public class ProgramTextTests
{
    const string Sample = """
        open c0
        open c1 access=none type=2
        open c2 access=com.a.b,com.c
        call c0 2 scalars=1,2,0xffffffffffffffff scalar_out=16
        call c0 1 in=u64:1,2 struct_out=16
        call c0 1 in=0102030405 struct_out=4097
        call c0 1 in=ab*4097
        call c0 1 in=01+00*100+0203
        async c0 4 refcon=7 in=u64:0,0x10000 struct_out=16
        wait 5s
        wait 1500ms
        wait 7ns
        close c0
        close c1

        """;

    [Test]
    public void FormatOfParseIsTheSameText()
    {
        var program = ProgramText.Parse(Sample);
        Assert.That(ProgramText.Format(program), Is.EqualTo(Sample.Replace("\n\n", "\n", StringComparison.Ordinal).TrimEnd('\n') + "\n"));
    }

    [Test]
    public void ParseOfFormatIsTheSameProgram()
    {
        var program = ProgramText.Parse(Sample);
        Assert.That(ProgramText.Parse(ProgramText.Format(program)), Is.EqualTo(program));
    }

    [Test]
    public void DecodedProgramsRoundTrip()
    {
        var decoder = new ProgramDecoder(Specs.NullDriver);
        var random = new Random(1234);
        for (var run = 0; run < 2000; run++)
        {
            var bytes = new byte[random.Next(0, 80)];
            random.NextBytes(bytes);
            var program = decoder.Decode(bytes);
            var text = ProgramText.Format(program);
            var parsed = ProgramText.Parse(text);
            Assert.That(parsed, Is.EqualTo(program), text);
            Assert.That(ProgramText.Format(parsed), Is.EqualTo(text));
        }
    }

    [Test]
    public void CommentsAndSelectorNamesAreIgnoredByTheParser()
    {
        var program = ProgramText.Parse("# header\nopen c0   # first\ncall c0 3 in=u64:1,2 struct_out=16  # CheckedStruct\n");
        Assert.That(ProgramText.Format(program, s => s == 3 ? "CheckedStruct" : null),
            Is.EqualTo("open c0\ncall c0 3 in=u64:1,2 struct_out=16  # CheckedStruct\n"));
    }

    [Test]
    public void BytesUseWordsRunsAndHex()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ProgramText.FormatBytes(new byte[16]), Is.EqualTo("u64:0,0"));
            Assert.That(ProgramText.FormatBytes(new byte[4097]), Is.EqualTo("00*4097"));
            Assert.That(ProgramText.FormatBytes([1, 2, 3]), Is.EqualTo("010203"));
            Assert.That(ProgramText.FormatBytes([.. new byte[] { 9 }, .. new byte[10], 7]), Is.EqualTo("09+00*10+07"));
        });
    }

    [TestCase("call c0 1\n", 1, "c0 is not open")]
    [TestCase("open c0\nopen c0\n", 2, "c0 is already open")]
    [TestCase("open c0\n\n# x\nclose c1\n", 4, "c1 is not open")]
    [TestCase("open c9\n", 1, "'c9' is not a connection")]
    [TestCase("open c0\njump c0\n", 2, "unknown step 'jump'")]
    [TestCase("open c0\ncall c0 1 in=zz\n", 2, "'zz' is not hex")]
    [TestCase("open c0\ncall c0 1 size=3\n", 2, "unknown option 'size'")]
    [TestCase("open c0\nasync c0 4\n", 2, "async needs refcon")]
    [TestCase("open c0\nwait soon\n", 2, "not a duration")]
    [TestCase("open c0\ncall c0 1 in=00 in=01\n", 2, "'in' is given twice")]
    [TestCase("open c0 access=bad id\n", 1, "should be key=value")]
    [TestCase("open c0\ncall c0 99999999999\n", 2, "selector")]
    public void ProblemsNameTheirLine(string text, int line, string problem)
    {
        var e = Assert.Throws<ProgramFormatException>(() => ProgramText.Parse(text))!;
        Assert.That(e.Line, Is.EqualTo(line));
        Assert.That(e.Message, Does.Contain(problem));
    }
}

using ConformanceKit.Programs;
using ConformanceKit.Tests.Support;

namespace ConformanceKit.Tests.Programs;

public class ProgramDecoderTests
{
    readonly ProgramDecoder _decoder = new(Specs.NullDriver);

    [Test]
    public void EveryByteStringDecodesToAValidProgram()
    {
        var random = new Random(42);
        for (var run = 0; run < 20_000; run++)
        {
            var bytes = new byte[random.Next(0, 200)];
            random.NextBytes(bytes);
            var program = _decoder.Decode(bytes);
            Assert.That(ProgramValidity.FirstProblem(program), Is.Null, Convert.ToHexString(bytes));
            Assert.That(program.Count, Is.LessThanOrEqualTo(Bursts.MaxSteps));
        }
    }

    [Test]
    public void EmptyInputOpensOneConnection() =>
        Assert.That(ProgramText.Format(_decoder.Decode([])), Is.EqualTo("open c0\n"));

    [Test]
    public void OneCallTakesSevenBytes()
    {
        // op=call c0, selector index 3 (CheckedStruct), declared counts and sizes, data 1
        var program = _decoder.Decode([0x00, 3, ProgramDecoder.CountDeclared, ProgramDecoder.SizeDeclared, ProgramDecoder.CountDeclared, ProgramDecoder.SizeDeclared, 1]);
        Assert.That(ProgramText.Format(program), Is.EqualTo("open c0\ncall c0 3 in=0102030405060708090a0b0c0d0e0f10 struct_out=16\n".Replace("in=0102030405060708090a0b0c0d0e0f10", "in=u64:0x807060504030201,0x100f0e0d0c0b0a09", StringComparison.Ordinal)));
    }

    [Test]
    public void SelectorsOfTheTableJustPastItAndFarOutAreOneByteAway()
    {
        var reached = Enumerable.Range(0, 256).Select(b => _decoder.DecodeSelector((byte)b)).ToHashSet();
        Assert.That(reached, Is.SupersetOf(new uint[] { 0, 1, 2, 3, 4, 5, 6, 7, 0xFFFFFFFF, 0x80000000 }));
    }

    [Test]
    public void CountsAndSizesAroundEveryBoundaryAreOneByteAway()
    {
        var counts = Enumerable.Range(0, 256).Select(b => ProgramDecoder.DecodeCount((byte)b, new(16))).ToHashSet();
        var sizes = Enumerable.Range(0, 256).Select(b => ProgramDecoder.DecodeSize((byte)b, new(16))).ToHashSet();
        Assert.That(counts, Is.SupersetOf(new uint[] { 0, 1, 15, 16, 17 }));
        Assert.That(sizes, Is.SupersetOf(new uint[] { 0, 1, 15, 16, 17, 4095, 4096, 4097, 4103, 4104, 4105, 65536 }));
    }

    [Test]
    public void AsyncCallsWaitsClosesAndReopensAreReachable()
    {
        var text = ProgramText.Format(_decoder.Decode([0x03, 4, 0, 0x40, 0, 0x40, 0, 0x05, 2, 0x06, 0x00, 2, 18, 0, 18, 0, 0, 0x07, 0]));
        Assert.That(text, Is.EqualTo("""
            open c0
            async c0 4 refcon=1 in=u64:0,0 struct_out=16
            wait 5s
            close c0
            open c0
            call c0 2 scalars=0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0 scalar_out=16
            close c0
            open c0 access=none

            """));
    }
}

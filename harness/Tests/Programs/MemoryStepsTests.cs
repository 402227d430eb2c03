using ConformanceKit.Programs;
using ConformanceKit.Tests.Support;

namespace ConformanceKit.Tests.Programs;

/// <summary>
/// The shared-memory steps (map, poke, peek): their text round-trips, what makes them valid, how they
/// shrink, and how the fuzzer's bytes and seeds reach them.
/// </summary>
public class MemoryStepsTests
{
    const string Text = """
        open c0
        map c0 m0 type=0
        poke m0 offset=4 in=09000000
        peek m0 offset=0 len=16
        map c0 m1 type=1 readonly
        peek m1 offset=0x10000 len=4
        poke m0 offset=0 in=ff*65
        close c0

        """;

    [Test]
    public void TheTextRoundTrips()
    {
        var program = ProgramText.Parse(Text);
        Assert.That(program.Steps[1], Is.EqualTo(new MapStep(0, 0, 0)));
        Assert.That(program.Steps[2], Is.EqualTo(new PokeStep(0, 4, new byte[] { 9, 0, 0, 0 })));
        Assert.That(program.Steps[3], Is.EqualTo(new PeekStep(0, 0, 16)));
        Assert.That(program.Steps[4], Is.EqualTo(new MapStep(0, 1, 1, ReadOnly: true)));
        Assert.That(ProgramText.Format(program), Is.EqualTo(Text));
    }

    [TestCase("open c0\npoke m0 offset=0 in=00\n", 2, "m0 is not mapped")]
    [TestCase("open c0\nmap c0 m0 type=0 readonly\npoke m0 offset=0 in=00\n", 3, "m0 is mapped readonly: the app cannot write it")]
    [TestCase("map c0 m0 type=0\n", 1, "c0 is not open")]
    [TestCase("open c0\nmap c0 m0 type=0\nclose c0\npeek m0 offset=0 len=1\n", 4, "m0 is not mapped")]
    [TestCase("open c0\nmap c0 m4 type=0\n", 2, "'m4' is not a mapping (m0..m3)")]
    [TestCase("open c0\nmap c0 m0 type=0\npeek m0 offset=0 len=65537\n", 3, "len: '65537' is not a number up to 65536")]
    [TestCase("open c0\nmap c0 m0 flags=1\n", 2, "map: unknown option 'flags' (known: type, readonly)")]
    public void ProblemsNameTheirLine(string text, int line, string problem)
    {
        var error = Assert.Throws<ProgramFormatException>(() => ProgramText.Parse(text))!;
        Assert.That(error.Line, Is.EqualTo(line));
        Assert.That(error.Problem, Is.EqualTo(problem));
    }

    [Test]
    public void MappingsOfAnotherConnectionOutliveAClose()
    {
        var program = ProgramText.Parse("open c0\nopen c1\nmap c1 m2 type=0\nclose c0\npoke m2 offset=0 in=01\n");
        Assert.That(ProgramValidity.IsValid(program));
    }

    [Test]
    public void ShrinkingDropsMemoryStepsAndPlainsPokes()
    {
        var program = ProgramText.Parse("open c0\nmap c0 m0 type=3\npoke m0 offset=8 in=ffffffff\npeek m0 offset=0 len=8\ncall c0 1\n");
        var candidates = ProgramShrinker.Candidates(program).Select(p => ProgramText.Format(p)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(candidates, Does.Contain("open c0\nmap c0 m0 type=3\npoke m0 offset=8 in=ffffffff\ncall c0 1\n"), "the peek goes");
            Assert.That(candidates, Does.Contain("open c0\nmap c0 m0 type=3\npeek m0 offset=0 len=8\ncall c0 1\n"), "the poke goes");
            Assert.That(candidates, Has.None.Matches<string>(c => !c.Contains("map", StringComparison.Ordinal) && c.Contains("poke", StringComparison.Ordinal)), "never a poke without its map");
            Assert.That(candidates, Does.Contain("open c0\nmap c0 m0 type=3\npoke m0 offset=0 in=ffffffff\npeek m0 offset=0 len=8\ncall c0 1\n"));
            Assert.That(candidates, Does.Contain("open c0\nmap c0 m0 type=3\npoke m0 offset=8 in=00000000\npeek m0 offset=0 len=8\ncall c0 1\n"));
            Assert.That(candidates, Does.Contain("open c0\nmap c0 m0 type=0\npoke m0 offset=8 in=ffffffff\npeek m0 offset=0 len=8\ncall c0 1\n"));
        });
        var minimal = ProgramShrinker.Minimize(program, p => p.Calls.Any() && p.Steps.OfType<PokeStep>().Any(k => k.Bytes.Count > 0 && k.Bytes[0] != 0));
        Assert.That(ProgramText.Format(minimal.Program), Is.EqualTo("open c0\nmap c0 m0 type=0\npoke m0 offset=0 in=ff\ncall c0 1\n"));
    }

    [Test]
    public void TheDecodersMemoryOpsMapThenPokeOrPeek()
    {
        var decoder = new ProgramDecoder(Specs.NullDriver);
        const byte poke = ProgramDecoder.MemoryBit | ProgramDecoder.MemoryPokeWord << 5 | 6;
        const byte bytes = ProgramDecoder.MemoryBit | ProgramDecoder.MemoryPokeBytes << 5 | 6;
        const byte peek = ProgramDecoder.MemoryBit | ProgramDecoder.MemoryPeek << 5 | 6;
        const byte map = ProgramDecoder.MemoryBit | ProgramDecoder.MemoryMap << 5 | 1 << 3 | 6; // on c1
        var program = decoder.Decode([poke, 0, 4, 4, bytes, 0, 0x40, 3, 0xFF, map, 1 << 2 | 1, peek, 1, 0, 8, 0x06]);
        Assert.That(ProgramText.Format(program), Is.EqualTo("""
            open c0
            map c0 m0 type=0
            poke m0 offset=4 in=08000000
            poke m0 offset=64 in=ffffff
            open c1
            map c1 m1 type=1
            peek m1 offset=0 len=8
            close c0

            """));
    }

    [Test]
    public void SeedsFillTheSharedMemoryBeforeEachSelectorsCall()
    {
        var seeds = new ProgramSeeds(Specs.NullDriver).All();
        var decoder = new ProgramDecoder(Specs.NullDriver);
        var seed = decoder.Decode(seeds.Single(s => s.Name == "sel1-shared-ones").Bytes);
        Assert.That(seed.Steps[1], Is.EqualTo(new MapStep(0, 0, 0)));
        Assert.That(seed.Steps[2], Is.EqualTo(new PokeStep(0, 0, Enumerable.Repeat((byte)0xFF, 63).ToArray())));
        Assert.That(seed.Steps[3], Is.InstanceOf<CallStep>().With.Property("Selector").EqualTo(1u));
        var peek = decoder.Decode(seeds.Single(s => s.Name == "shared-type1-peek").Bytes);
        Assert.That(ProgramText.Format(peek), Is.EqualTo("open c0\nmap c0 m0 type=1\npeek m0 offset=0 len=63\n"));
    }
}

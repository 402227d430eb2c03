using ConformanceKit.Programs;
using ConformanceKit.Spec;
using ConformanceKit.Tests.Support;

namespace ConformanceKit.Tests.Programs;

/// <summary>
/// The device steps (device-data, interrupt, unplug): their text round-trips, what makes them valid, how
/// they shrink, and how the fuzzer's bytes and seeds reach them — only for a spec with a device: section.
/// </summary>
public class DeviceStepsTests
{
    const string Text = """
        open c0
        device-data in=ff0400
        call c0 0
        interrupt 1
        device-data in=
        unplug
        wait 1s
        close c0

        """;

    static DispatchSpec WithDevice => Specs.NullDriver with { Device = new DeviceSpec("<plist version=\"1.0\"><dict/></plist>", 2) };

    [Test]
    public void TheTextRoundTrips()
    {
        var program = ProgramText.Parse(Text);
        Assert.That(program.Steps[1], Is.EqualTo(new DeviceDataStep(new byte[] { 0xff, 4, 0 })));
        Assert.That(program.Steps[3], Is.EqualTo(new InterruptStep(1)));
        Assert.That(program.Steps[5], Is.EqualTo(new UnplugStep()));
        Assert.That(ProgramText.Format(program), Is.EqualTo(Text));
    }

    [TestCase("open c0\ninterrupt\n", 2, "interrupt needs a vector like 0")]
    [TestCase("open c0\ninterrupt 64\n", 2, "interrupt: '64' is not a number up to 63")]
    [TestCase("open c0\nunplug now\n", 2, "unplug takes nothing after it")]
    [TestCase("open c0\ndevice-data out=00\n", 2, "device-data: unknown option 'out' (known: in)")]
    public void ProblemsNameTheirLine(string text, int line, string problem)
    {
        var error = Assert.Throws<ProgramFormatException>(() => ProgramText.Parse(text))!;
        Assert.That((error.Line, error.Problem), Is.EqualTo((line, problem)));
    }

    [Test]
    public void ShrinkingCutsDeviceDataDownToTheByteThatMatters()
    {
        var program = ProgramText.Parse("open c0\ndevice-data in=00ff0000\ninterrupt 1\ncall c0 1\n");
        var minimal = ProgramShrinker.Minimize(program, p => p.Steps.OfType<DeviceDataStep>().Any(d => d.Bytes.Count > 1 && d.Bytes[1] == 0xff));
        Assert.That(ProgramText.Format(minimal.Program), Is.EqualTo("device-data in=00ff\n"), "a device step needs no connection");
    }

    [Test]
    public void TheDecodersDeviceOpsNeedADeviceSection()
    {
        const byte raw = ProgramDecoder.DeviceBit | ProgramDecoder.DeviceRawData << 5 | 5;
        const byte word = ProgramDecoder.DeviceBit | ProgramDecoder.DeviceWordData << 5 | 5;
        const byte interrupt = ProgramDecoder.DeviceBit | ProgramDecoder.DeviceInterrupt << 5 | 5;
        const byte unplug = ProgramDecoder.DeviceBit | ProgramDecoder.DeviceUnplug << 5 | 5;
        byte[] input = [raw, 3, 0xAA, 0xBB, 0xCC, word, 0x80 | 18, interrupt, 5, unplug];
        var program = new ProgramDecoder(WithDevice).Decode(input);
        Assert.That(program.Steps.Skip(1), Is.EqualTo(new Step[]
        {
            new DeviceDataStep(new byte[] { 0xAA, 0xBB, 0xCC }),
            new DeviceDataStep(BitConverter.GetBytes(ProgramDecoder.WordTable[18])),
            new InterruptStep(1), // 5 modulo the spec's 2 vectors
            new UnplugStep(),
        }));
        Assert.That(new ProgramDecoder(Specs.NullDriver).Decode(input).Steps.OfType<DeviceDataStep>(), Is.Empty, "without device: the opcode is a wait");
    }

    [Test]
    public void DeviceSeedsExistOnlyForADeviceAndDecodeToTheirSteps()
    {
        Assert.That(new ProgramSeeds(Specs.NullDriver).All().Select(s => s.Name), Has.None.Contains("device").And.None.Contains("unplug"));
        var seeds = new ProgramSeeds(WithDevice).All().ToDictionary(s => s.Name, s => s.Bytes);
        var decoder = new ProgramDecoder(WithDevice);
        Assert.Multiple(() =>
        {
            Assert.That(decoder.Decode(seeds["sel0-device-ones-first"]).Steps[1], Is.EqualTo(new DeviceDataStep(Enumerable.Repeat((byte)0xFF, 32).ToArray())));
            Assert.That(decoder.Decode(seeds["sel0-unplug"]).Steps.OfType<UnplugStep>(), Has.Exactly(1).Items);
            Assert.That(decoder.Decode(seeds["sel0-interrupt"]).Steps.OfType<InterruptStep>(), Has.Exactly(1).Items);
            Assert.That(ProgramText.Format(decoder.Decode(seeds["async-request-unplug"])), Does.Contain("unplug\nwait 8s"));
        });
    }
}

using ConformanceKit.Transports;

namespace ConformanceKit.Tests.Transports;

public class LiveObjectTextTests
{
    [Test]
    public void ReadsEveryCounterIncludingNegativeOnes()
    {
        var counts = LiveObjectText.Parse("IODispatchQueue=1\nNullDriver=2\nOSAction=-1\n"u8);
        Assert.That(counts, Is.EquivalentTo(new Dictionary<string, long> { ["IODispatchQueue"] = 1, ["NullDriver"] = 2, ["OSAction"] = -1 }));
    }

    [Test]
    public void ToleratesBlankLinesSpacesAndAMissingLastNewline()
    {
        var counts = LiveObjectText.Parse("\n OSData=3 \r\n\nA=B=4"u8);
        Assert.That(counts, Is.EquivalentTo(new Dictionary<string, long> { ["OSData"] = 3, ["A=B"] = 4 }));
    }

    [Test]
    public void EmptyTextIsNoCounters() => Assert.That(LiveObjectText.Parse(""u8), Is.Empty);

    [TestCase("OSData"), TestCase("=3"), TestCase("OSData=three"), TestCase("OSData=3x"), TestCase("OSData=")]
    public void RefusesAMalformedLine(string line) =>
        Assert.That(() => LiveObjectText.Parse(System.Text.Encoding.UTF8.GetBytes($"NullDriver=1\n{line}\n")), Throws.TypeOf<FormatException>().With.Message.Contains(line));
}

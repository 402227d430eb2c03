using ConformanceKit.Transports;

namespace ConformanceKit.Tests.Transports;

public class TransportKindTests
{
    [Test]
    public void EveryKindHasTheWordUsersTypeAndReadsBackFromIt()
    {
        Assert.That(TransportKinds.Names, Is.EqualTo(new[] { "inproc", "socket", "iokit" }));
        foreach (var kind in TransportKinds.All)
            Assert.That(TransportKinds.Parse(kind.Name()), Is.EqualTo(kind));
    }

    [TestCase("bogus")]
    [TestCase("Socket")]
    [TestCase("")]
    public void AnUnknownWordIsOneLineNamingTheChoices(string word)
    {
        var error = Assert.Throws<TransportSetupException>(() => TransportKinds.Parse(word))!;
        Assert.That(error.Message, Is.EqualTo($"unknown transport '{word}' (inproc, socket, iokit)"));
    }
}

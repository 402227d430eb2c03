namespace ConformanceKit.Reports.SampleSuite;

/// <summary>One test per NUnit outcome.</summary>
[TestFixture, Category("sample")]
public class SampleOutcomeTests
{
    [Test, Description("passes and says so")]
    public void Passes() => TestContext.Out.WriteLine("all good <&> \"quoted\" ünïcode");

    // Sleeps at least this long, so that its result's start and stop are at least that far apart.
    public const int SleepMilliseconds = 100;

    [Test]
    public void TakesAMoment() => Thread.Sleep(SleepMilliseconds);

    [Test]
    public void FailsAnAssertion() => Assert.That(1 + 1, Is.EqualTo(3), "arithmetic");

    [Test]
    public void ThrowsAnException() => throw new InvalidOperationException("the harness could not start");

    [Test]
    public void IgnoredAtRunTime() => Assert.Ignore("not applicable here");

    [Test, Ignore("switched off")]
    public void IgnoredByAttribute() { }

    [Test]
    public void Inconclusive() => Assert.Inconclusive("could not decide");

    [Test, Explicit("only on request")]
    public void ExplicitNotRun() { }

    [TestCase(1, "one")]
    [TestCase(2, "two")]
    public void Parameterized(int number, string name) => Assert.That(name, Is.Not.Empty, $"{number}");
}

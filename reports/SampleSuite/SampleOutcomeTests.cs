namespace ConformanceKit.Reports.SampleSuite;

/// <summary>One test per NUnit outcome.</summary>
[TestFixture, Category("sample")]
public class SampleOutcomeTests
{
    [Test, Description("passes and says so")]
    public void Passes() => TestContext.Out.WriteLine("all good <&> \"quoted\" ünïcode");

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

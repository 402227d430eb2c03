namespace ConformanceKit.Reports.SampleSuite;

/// <summary>A fixture whose OneTimeSetUp fails: its tests never reach a test action.</summary>
[TestFixture]
public class SampleBrokenSetUpTests
{
    [OneTimeSetUp]
    public void StartDextHost() => throw new IOException("dexthost did not start");

    [Test]
    public void First() { }

    [Test]
    public void Second() { }
}

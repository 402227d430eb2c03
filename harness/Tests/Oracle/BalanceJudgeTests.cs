using ConformanceKit.Oracle;
using ConformanceKit.Tests.Support;

namespace ConformanceKit.Tests.Oracle;

public class BalanceJudgeTests
{
    static Dictionary<string, long> Counts(params (string Name, long Count)[] counts) => counts.ToDictionary(c => c.Name, c => c.Count);

    [Test]
    public void CountersBackAtTheirBaselineBreakNothing()
    {
        var judge = new BalanceJudge(Specs.NullDriver);
        judge.Reset(Counts(("OSAction", 1), ("OSData", 0)));
        var sink = new List<Violation>();
        judge.Judge(Counts(("OSAction", 1)), 3, sink);
        Assert.That(sink, Is.Empty);
    }

    [Test]
    public void ALeakNamesEveryCounterInOrderAndIsReportedOnce()
    {
        var judge = new BalanceJudge(Specs.NullDriver);
        judge.Reset(Counts(("OSData", 2), ("OSAction", 0)));
        var sink = new List<Violation>();
        judge.Judge(Counts(("OSAction", 1)), 3, sink);
        judge.Judge(Counts(("OSAction", 1)), 4, sink);
        var found = sink.Single();
        Assert.That((found.Rule, found.Kind, found.StepIndex), Is.EqualTo((Rules.ObjectsBalance, "leak:OSAction+OSData", 3)));
        Assert.That(found.Observed, Is.EqualTo("OSAction 0->1, OSData 2->0"));
    }

    [Test]
    public void AfterTheDeviceWentAwayOnlyMoreObjectsThanBeforeIsALeak()
    {
        var judge = new BalanceJudge(Specs.NullDriver);
        judge.Reset(Counts(("IOUSBHostPipe", 3), ("UsbVendorDriver", 1), ("OSAction", 0)));
        var sink = new List<Violation>();
        judge.Judge(Counts(("OSAction", 0)), 3, sink, deviceGone: true);
        Assert.That(sink, Is.Empty, "the service and its pipes went with the device");
        judge.Judge(Counts(("OSAction", 1)), 4, sink, deviceGone: true);
        Assert.That(sink.Single().Observed, Is.EqualTo("OSAction 0->1"));
    }

    [Test]
    public void WithoutABaselineNothingIsJudged()
    {
        var judge = new BalanceJudge(Specs.NullDriver);
        judge.Reset(null);
        var sink = new List<Violation>();
        judge.Judge(Counts(("OSAction", 5)), 0, sink);
        Assert.Multiple(() =>
        {
            Assert.That(judge.HasBaseline, Is.False);
            Assert.That(sink, Is.Empty);
        });
    }

    [Test]
    public void TimersGetTheAsyncDelayAndLeewayToRunOut() =>
        Assert.That(new BalanceJudge(Specs.NullDriver).SettleNs,
            Is.EqualTo(Specs.NullDriver.Async!.DelayNs + Specs.NullDriver.Async.LeewayNs + 1));
}

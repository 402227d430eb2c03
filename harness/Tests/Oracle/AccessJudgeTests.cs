using ConformanceKit.IOKit;
using ConformanceKit.Oracle;
using ConformanceKit.Spec;
using ConformanceKit.Tests.Support;

namespace ConformanceKit.Tests.Oracle;

public class AccessJudgeTests
{
    static readonly DispatchSpec Entitled = Specs.NullDriver with { Access = AccessPolicy.Entitled };

    static List<Violation> Judge(DispatchSpec spec, string[] access, IOReturn result)
    {
        var sink = new List<Violation>();
        new AccessJudge(spec).Judge(access, result, result.ToString(), 0, sink);
        return sink;
    }

    [Test]
    public void AnOpenAsTheSpecAllowsBreaksNothing()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Judge(Entitled, [Entitled.BundleIdentifier!], IOReturn.Success), Is.Empty);
            Assert.That(Judge(Entitled, ["other"], IOReturn.NotPermitted), Is.Empty);
            Assert.That(Judge(Entitled with { Access = AccessPolicy.Any }, [], IOReturn.Success), Is.Empty);
        });
    }

    [Test]
    public void AnOpenThatFoundNoServiceJudgesNothing() =>
        Assert.That(Judge(Entitled, ["other"], IOReturn.NoDevice), Is.Empty);

    [TestCase(true, "entitled-refused")]
    [TestCase(false, "unentitled-opened")]
    public void TheWrongAnswerIsAnAccessFinding(bool entitled, string kind)
    {
        var access = entitled ? new[] { Entitled.BundleIdentifier! } : ["other"];
        var found = Judge(Entitled, access, entitled ? IOReturn.NotPermitted : IOReturn.Success).Single();
        Assert.That((found.Rule, found.Kind, found.Selector), Is.EqualTo((Rules.AccessEntitlement, kind, (uint?)null)));
        Assert.That(found.Expected, Does.Contain($"only clients listing {Entitled.BundleIdentifier}"));
    }
}

using ConformanceKit.Oracle;
using ConformanceKit.Programs;
using ConformanceKit.Runner;

namespace ConformanceKit.Tests.Runner;

/// <summary>One bug, one finding: what a program breaks after its first violation is reported with it, except a crash.</summary>
[TestFixture]
public class FindingTests
{
    static readonly Program Program = ProgramText.Parse("open c0\ncall c0 3 in=u64:1,2 struct_out=16\nasync c0 4 refcon=1 in=u64:1,2 struct_out=16\nwait 8s\n");

    static Violation Accept => new(Rules.DispatchAccept, 1, 3, "output-value", "u64[0] = 2", "3");
    static Violation Missing => new(Rules.AsyncDelivery, 3, 4, "missing-completion", "one completion", "nothing");
    static Violation Crash => new(Rules.MemorySafety, 3, null, "heap-use-after-free-read@X::Fired", "the dext survives every call", "heap-use-after-free");

    static RunResult Run(params Violation[] violations) => new(Program, [], violations, null, "");

    [Test]
    public void LaterViolationsAreConsequencesOfTheFirst()
    {
        var findings = Finding.From("D", Run(Accept, Missing)).ToArray();
        Assert.That(findings, Has.Length.EqualTo(1));
        Assert.That(findings[0].Violation, Is.EqualTo(Accept));
        Assert.That(findings[0].Consequences, Is.EqualTo(new[] { Missing }));
        Assert.That(findings[0].Reproducer(), Does.Contain("# then: async.delivery at step 4 (selector 4)"));
    }

    [Test]
    public void ACrashIsAlwaysAFindingOfItsOwn()
    {
        var findings = Finding.From("D", Run(Accept, Missing, Crash)).ToArray();
        Assert.That(findings.Select(f => f.Rule), Is.EqualTo(new[] { Rules.DispatchAccept, Rules.MemorySafety }));
        Assert.That(findings[0].Consequences, Is.EqualTo(new[] { Missing }), "the crash is not folded into the first finding");
        Assert.That(findings[1].Consequences, Is.Empty);
    }

    [Test]
    public void TheFindingOfALaterViolationCarriesWhatFollowedIt()
    {
        var finding = Finding.Of("D", Run(Accept, Missing), 1);
        Assert.That(finding.Violation, Is.EqualTo(Missing));
        Assert.That(finding.Consequences, Is.Empty);
    }

    [Test]
    public void StepsAreNumberedFromOneEverywhereUsersSeeThem()
    {
        var finding = Finding.From("D", Run(Missing)).Single();
        Assert.That(finding.Violation.Step, Is.EqualTo(4));
        Assert.That(finding.Reproducer(), Does.Contain("# at step 4\n"));
        Assert.That(finding.Violation.ToString(), Does.StartWith("async.delivery at step 4"));
    }
}

using ConformanceKit.IOKit;
using ConformanceKit.Oracle;
using ConformanceKit.Spec;
using ConformanceKit.Tests.Support;

namespace ConformanceKit.Tests.Oracle;

/// <summary>
/// limits: a connection may have at most pendingCompletions completions owed; a call that would owe one more
/// must get the documented refusal, and below the limit that refusal is a finding like any other error.
/// </summary>
public class PendingLimitTests
{
    const string Yaml = """
        specVersion: 1
        dext: Queue
        selectors:
          - { selector: 0, name: Register, async: register, completion: required }
          - { selector: 1, name: Request, async: request, completion: any, completes: true, scalarInput: 1 }
          - { selector: 2, name: Info, scalarOutput: 1 }
        async: { delay: 1s }
        limits:
          pendingCompletions: 4
          beyond: kIOReturnNoSpace

        """;

    static DispatchSpec Spec => SpecLoader.Parse(Yaml, "queue.yaml");

    [Test]
    public void BelowTheLimitARequestIsAcceptedAndTheRefusalIsAFinding()
    {
        var e = DispatchOracle.Expect(Spec, P.Call("call c0 1 scalars=7"), callbackRegistered: true, owed: 3);
        Assert.That(e.Kind, Is.EqualTo("accept"));
        Assert.That(e.Permits(IOReturn.Success), Is.True);
        Assert.That(e.Permits(IOReturn.NoSpace), Is.False);
    }

    [Test]
    public void AtTheLimitOnlyTheDocumentedRefusalHolds()
    {
        var e = DispatchOracle.Expect(Spec, P.Call("call c0 1 scalars=7"), callbackRegistered: true, owed: 4);
        Assert.That((e.Rule, e.Kind), Is.EqualTo((Rules.DispatchAccept, "beyond-limit")));
        Assert.That(e.Permits(IOReturn.NoSpace), Is.True);
        Assert.That(e.Permits(IOReturn.Success), Is.False, "accepting a call past the documented limit breaks it too");
    }

    [Test]
    public void ACallThatOwesNothingIsNotLimited() =>
        Assert.That(DispatchOracle.Expect(Spec, P.Call("call c0 2 scalar_out=1"), callbackRegistered: true, owed: 9).Kind, Is.EqualTo("accept"));

    [Test]
    public void TheSectionIsRead() =>
        Assert.That(Spec.Limits, Is.EqualTo(new LimitsSpec(4, IOReturn.NoSpace)));

    [TestCase("limits: { beyond: kIOReturnNoSpace }", "pendingCompletions")]
    [TestCase("limits: { pendingCompletions: 0, beyond: kIOReturnNoSpace }", "pendingCompletions must be at least 1")]
    [TestCase("limits: { pendingCompletions: 4, beyond: kIOReturnSuccess }", "beyond must be the error a call past the limit gets")]
    [TestCase("limits: { pendingCompletions: 4, beyond: kIOReturnNoSpace, perConnection: 1 }", "perConnection")]
    public void MistakesAreOneLineWithTheirLine(string limits, string problem)
    {
        var yaml = Yaml[..Yaml.IndexOf("limits:", StringComparison.Ordinal)] + limits + "\n";
        var e = Assert.Throws<SpecException>(() => SpecLoader.Parse(yaml, "queue.yaml"))!;
        Assert.That(e.Message, Does.Contain(problem));
        Assert.That(e.Message, Does.StartWith("queue.yaml:"));
    }

    [Test]
    public void ALimitWithoutACompletionOwedIsRefused()
    {
        const string yaml = "specVersion: 1\ndext: Q\nselectors:\n  - { selector: 0, scalarOutput: 1 }\nlimits: { pendingCompletions: 4, beyond: kIOReturnNoSpace }\n";
        var e = Assert.Throws<SpecException>(() => SpecLoader.Parse(yaml, "q.yaml"))!;
        Assert.That(e.Message, Does.Contain("limits: pendingCompletions needs a selector that owes a completion"));
    }
}

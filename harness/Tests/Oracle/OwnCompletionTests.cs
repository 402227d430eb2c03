using ConformanceKit.IOKit;
using ConformanceKit.Oracle;
using ConformanceKit.Spec;
using ConformanceKit.Tests.Support;
using ConformanceKit.Transports;

namespace ConformanceKit.Tests.Oracle;

/// <summary>
/// A selector with async: own completes its own call whenever the dext gets to it (a USB read when the
/// device answers): one completion per call, at any time and with any status, is right; a second one,
/// or one no call asked for, is async.delivery's unexpected-completion; none at all is not judged.
/// </summary>
public class OwnCompletionTests
{
    const string Yaml = """
        specVersion: 1
        dext: Reader
        selectors:
          - { selector: 0, name: Read, async: own, completion: required }
          - { selector: 1, name: Info, scalarOutput: 1 }

        """;

    static DispatchSpec Spec => SpecLoader.Parse(Yaml, "test.yaml");

    static AsyncCompletion Completion(ulong refcon, uint status = 0) =>
        new(AsyncReferenceCallback, refcon, new IOReturn(status), [], 1_000_000_000);

    static readonly ulong AsyncReferenceCallback = ConformanceKit.Programs.AsyncReference.CallbackFor(0);

    [Test]
    public void OneCompletionPerCallAtAnyTimeWithAnyStatusHolds()
    {
        var connection = new ConnectionModel { IsOpen = true };
        AsyncJudge.OweOwn(connection, P.Call("async c0 0 refcon=7"), 1);
        var violations = new List<Violation>();
        var judge = new AsyncJudge(Spec, timed: true);
        judge.Judge(connection, [], 2, 1_000_000_000_000, violations);
        var judged = judge.Judge(connection, [Completion(7, 0xE00002EB)], 3, 2_000_000_000_000, violations);
        Assert.That(violations, Is.Empty, "no deadline, and kIOReturnAborted is an answer too");
        Assert.That(judged, Is.Zero, "an own call's completion, any status any time, is no evidence for async.delivery");
        Assert.That(connection.Owed, Is.Empty);
    }

    [Test]
    public void ASecondCompletionIsUnexpected()
    {
        var connection = new ConnectionModel { IsOpen = true };
        AsyncJudge.OweOwn(connection, P.Call("async c0 0 refcon=7"), 1);
        var violations = new List<Violation>();
        var judged = new AsyncJudge(Spec, timed: true).Judge(connection, [Completion(7), Completion(7)], 2, 5, violations);
        var violation = violations.Single();
        Assert.That(judged, Is.EqualTo(1), "the unexpected one was judged");
        Assert.That((violation.Rule, violation.Kind), Is.EqualTo((Rules.AsyncDelivery, "unexpected-completion")));
    }

    [TestCase("  - { selector: 2, async: own }\n", "selector 2: a selector that completes its own call must accept a completion (completion: required or any)")]
    [TestCase("  - { selector: 2, async: own, completion: any, completes: true }\n", "selector 2: 'async: own' completes the call itself; 'completes: true' is for requests answered through the registered callback")]
    [TestCase("  - { selector: 2, async: mine }\n", "async must be register, request or own, not 'mine'")]
    public void MistakesAreRefused(string selector, string problem)
    {
        var error = Assert.Throws<SpecException>(() => SpecLoader.Parse(Yaml.TrimEnd('\n') + "\n" + selector, "test.yaml"))!;
        Assert.That(error.Problem, Does.EndWith(problem));
    }
}

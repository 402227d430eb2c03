using ConformanceKit.Oracle;
using ConformanceKit.Runner;
using ConformanceKit.Spec;

namespace ConformanceKit.Tests.Runner;

/// <summary>
/// What a fuzz target crashes on: the first violation its spec does not list under known: — a known
/// one before it does not hide it, and a run of known ones alone is not a crash.
/// </summary>
[TestFixture]
public class KnownViolationsTests
{
    static readonly DispatchSpec Spec = SpecLoader.Parse("""
        specVersion: 1
        dext: Test
        selectors:
          - selector: 0
            scalarInput: 1
        known:
          - rule: memory.safety
            kind: heap-use-after-free-read@*
            why: every close
          - rule: dispatch.accept
            selector: 0
            kind: accept
            why: refuses before set-up
        """, "test.yaml");

    static Violation V(string rule, uint? selector, string kind, int step = 0) => new(rule, step, selector, kind, "expected", "observed");

    static readonly Violation KnownClose = V(Rules.MemorySafety, null, "heap-use-after-free-read@MyUserClient::free", 2);
    static readonly Violation KnownAccept = V(Rules.DispatchAccept, 0, "accept");
    static readonly Violation UnknownOverflow = V(Rules.MemorySafety, 0, "heap-buffer-overflow-write@MyUserClient::Mark", 1);

    [Test]
    public void OnlyKnownViolationsAreNoCrash()
    {
        Assert.That(KnownViolations.FirstUnknown(Spec, [KnownAccept, KnownClose]), Is.EqualTo(-1));
        Assert.That(KnownViolations.FirstUnknown(Spec, []), Is.EqualTo(-1));
    }

    [Test]
    public void AnUnknownViolationAfterAKnownOneIsTheCrash() =>
        Assert.That(KnownViolations.FirstUnknown(Spec, [KnownAccept, UnknownOverflow, KnownClose]), Is.EqualTo(1));

    [Test]
    public void AKnownKindOnAnotherSelectorOrOfAnotherFrameIsUnknown()
    {
        Assert.That(KnownViolations.FirstUnknown(Spec, [V(Rules.DispatchAccept, 1, "accept")]), Is.EqualTo(0), "the entry names selector 0");
        Assert.That(KnownViolations.FirstUnknown(Spec, [V(Rules.MemorySafety, null, "heap-use-after-free-read")]), Is.EqualTo(0),
            "an unsymbolized kind does not match a pattern with frames");
    }

    [Test]
    public void KnownListsEachKnownSignatureOnceInProgramOrder() =>
        Assert.That(KnownViolations.Known(Spec, [KnownAccept, UnknownOverflow, KnownAccept, KnownClose]), Is.EqualTo(new[] { KnownAccept, KnownClose }));
}

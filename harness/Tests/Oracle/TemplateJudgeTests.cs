using ConformanceKit.IOKit;
using ConformanceKit.Oracle;
using ConformanceKit.Programs;
using ConformanceKit.Tests.Support;

namespace ConformanceKit.Tests.Oracle;

/// <summary>dispatch.accept holds a template selector to accepting the messages that match its template only.</summary>
public class TemplateJudgeTests
{
    static CallStep Call(uint selector, byte[] input, uint scalarOut = 1) =>
        new(0, selector, Array.Empty<ulong>(), input, scalarOut, 0, null);

    [Test]
    public void AWellFormedMessageMustBeAccepted()
    {
        var e = DispatchOracle.Expect(TemplateSpecs.Spec, Call(0, TemplateSpecs.MessageWith([9, 9])), false);
        Assert.Multiple(() =>
        {
            Assert.That(e.Rule, Is.EqualTo(Rules.DispatchAccept));
            Assert.That(e.Allowed, Is.EqualTo(new[] { IOReturn.Success }));
            Assert.That(e.Accepting!.Selector, Is.EqualTo(0u));
        });
    }

    [Test]
    public void AMessageOffTheTemplateIsHeldToMemorySafetyOnly()
    {
        var bad = TemplateSpecs.MessageWith([9, 9]);
        bad[16] = 99; // the length field lies
        var e = DispatchOracle.Expect(TemplateSpecs.Spec, Call(0, bad), false);
        Assert.Multiple(() =>
        {
            Assert.That(e.Rule, Is.EqualTo(Rules.MemorySafety));
            Assert.That(e.Kind, Is.EqualTo("off-template"));
            Assert.That(e.Permits(IOReturn.BadArgument) && e.Permits(IOReturn.Success), "any return");
            Assert.That(e.Accepting, Is.Null, "no outputs are judged");
            Assert.That(e.Reason, Does.Contain("field length at byte 16 is 0x63"));
        });
    }

    [Test]
    public void TheShapeIsJudgedBeforeTheTemplate()
    {
        // Selector 1's template is 5 bytes and checked: 4 bytes is a dispatch.shape matter, as before.
        var e = DispatchOracle.Expect(TemplateSpecs.Spec, Call(1, [1, 0, 0, 0], scalarOut: 0), false);
        Assert.That((e.Rule, e.Allowed.Single()), Is.EqualTo((Rules.DispatchShape, IOReturn.BadArgument)));
        var good = DispatchOracle.Expect(TemplateSpecs.Spec, Call(1, [7, 0, 0, 0, 12], scalarOut: 0), false);
        var off = DispatchOracle.Expect(TemplateSpecs.Spec, Call(1, [7, 0, 0, 0, 21], scalarOut: 0), false);
        Assert.Multiple(() =>
        {
            Assert.That(good.Rule, Is.EqualTo(Rules.DispatchAccept));
            Assert.That(off.Rule, Is.EqualTo(Rules.MemorySafety));
        });
    }
}

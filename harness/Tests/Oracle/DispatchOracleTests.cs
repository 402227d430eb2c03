using ConformanceKit.IOKit;
using ConformanceKit.Oracle;
using ConformanceKit.Tests.Support;

namespace ConformanceKit.Tests.Oracle;

public class DispatchOracleTests
{
    static CallExpectation Expect(string line, bool registered = false) =>
        DispatchOracle.Expect(Specs.NullDriver, P.Call(line), registered);

    [Test]
    public void WellShapedCheckedCallIsAccepted()
    {
        var e = Expect("call c0 3 in=u64:1,2 struct_out=16");
        Assert.That((e.Rule, e.Kind), Is.EqualTo((Rules.DispatchAccept, "accept")));
        Assert.That(e.Permits(IOReturn.Success), Is.True);
        Assert.That(e.Permits(IOReturn.BadArgument), Is.False);
        Assert.That(e.Accepting!.Selector, Is.EqualTo(3u));
    }

    static readonly IOReturn Busy = new(0xE00002D5);

    [Test]
    public void AWellShapedCallMayGetTheErrorsItsSpecListsUnderMayReturn()
    {
        var spec = Specs.NullDriver with
        {
            Selectors = [.. Specs.NullDriver.Selectors.Select(s => s.Selector == 3 ? s with { MayReturn = [Busy] } : s)],
        };
        var e = DispatchOracle.Expect(spec, P.Call("call c0 3 in=u64:1,2 struct_out=16"), false);
        Assert.That((e.Permits(IOReturn.Success), e.Permits(Busy), e.Permits(IOReturn.BadArgument)), Is.EqualTo((true, true, false)));
        var malformed = DispatchOracle.Expect(spec, P.Call("call c0 3 in=00 struct_out=16"), false);
        Assert.That(malformed.Permits(Busy), Is.False, "mayReturn is about well-shaped calls only");
    }

    [TestCase("call c0 3 in=u64:1,2 struct_out=16", "accept")]
    [TestCase("async c0 3 refcon=1 in=u64:1,2 struct_out=16", "completion")]
    [TestCase("call c0 3 scalars=1 in=u64:1,2 struct_out=16", "scalarInput")]
    [TestCase("call c0 3 in=000102 struct_out=16", "structInput")]
    [TestCase("call c0 3 in=u64:1,2 scalar_out=1 struct_out=16", "scalarOutput")]
    [TestCase("call c0 3 in=u64:1,2 struct_out=17", "structOutput")]
    [TestCase("call c0 4 in=u64:1,2 struct_out=16", "completion")]
    [TestCase("async c0 2 refcon=1 scalars=0,0 scalar_out=16", "completion")]
    public void ChecksRunInTheDefaultExternalMethodOrder(string line, string kind)
    {
        var e = Expect(line);
        Assert.That(e.Kind, Is.EqualTo(kind));
        if (kind != "accept")
        {
            Assert.That(e.Rule, Is.EqualTo(Rules.DispatchShape));
            Assert.That(e.Allowed, Is.EqualTo(new[] { IOReturn.BadArgument }));
        }
    }

    [Test]
    public void CompletionIsCheckedBeforeCounts()
    {
        // wrong on every count too, but the completion check comes first
        Assert.That(Expect("async c0 3 refcon=1 scalars=1,2 in=00 scalar_out=3 struct_out=1").Kind, Is.EqualTo("completion"));
    }

    [Test]
    public void ScalarOutputCapacityIsClampedTo16BeforeTheCheck()
    {
        var spec = Specs.NullDriver;
        var call = P.Call("call c0 2 scalars=0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0 scalar_out=40");
        Assert.That(DispatchOracle.Expect(spec, call, false).Kind, Is.EqualTo("accept"));
    }

    [Test]
    public void MoreThan16ScalarsFailInIOKitLib()
    {
        var e = Expect("call c0 2 scalars=" + string.Join(',', Enumerable.Repeat(0, 17)) + " scalar_out=16");
        Assert.That(e.Allowed, Is.EqualTo(new[] { IOReturn.MigArrayTooLarge }));
        Assert.That(e.Rule, Is.EqualTo(Rules.DispatchShape));
        var outOfTable = Expect("call c0 99 scalars=" + string.Join(',', Enumerable.Repeat(0, 17)));
        Assert.That(outOfTable.Rule, Is.EqualTo(Rules.SelectorRange));
    }

    [Test]
    public void SelectorOutsideTheTableGetsTheSpecsError()
    {
        var e = Expect("call c0 6");
        Assert.That(e.Rule, Is.EqualTo(Rules.SelectorRange));
        Assert.That(e.Permits(IOReturn.Unsupported), Is.True);
        Assert.That(e.Permits(IOReturn.BadArgument), Is.False);
        Assert.That(e.Permits(IOReturn.Success), Is.False);
    }

    [Test]
    public void UncheckedSelectorWithAnotherShapeIsOnlyHeldToMemorySafety()
    {
        var e = Expect("call c0 1 in=01 struct_out=16");
        Assert.That(e.Rule, Is.EqualTo(Rules.MemorySafety));
        Assert.That(e.Permits(IOReturn.Success) && e.Permits(IOReturn.BadArgument), Is.True);
        Assert.That(e.Accepting, Is.Null);
    }

    [Test]
    public void UncheckedSelectorWithItsDeclaredShapeMustSucceed() =>
        Assert.That(Expect("call c0 1 in=u64:1,2 struct_out=16").Rule, Is.EqualTo(Rules.DispatchAccept));

    [Test]
    public void RequestBeforeRegistrationMustBeRefused()
    {
        var before = Expect("call c0 5 in=u64:1,2");
        Assert.That(before.Rule, Is.EqualTo(Rules.AsyncRegisterBeforeRequest));
        Assert.That(before.Permits(IOReturn.Error) && before.Permits(IOReturn.NotReady), Is.True);
        Assert.That(before.Permits(IOReturn.Success), Is.False);
        var after = Expect("call c0 5 in=u64:1,2", registered: true);
        Assert.That(after.Rule, Is.EqualTo(Rules.DispatchAccept));
    }

    [Test]
    public void RefusalCodesCanBePinnedBySpec()
    {
        var spec = Specs.NullDriver with { Async = Specs.NullDriver.Async! with { RefusedBeforeRegister = [IOReturn.NotReady] } };
        var e = DispatchOracle.Expect(spec, P.Call("call c0 5 in=u64:1,2"), false);
        Assert.That(e.Permits(IOReturn.NotReady), Is.True);
        Assert.That(e.Permits(IOReturn.Error), Is.False);
    }

    [Test]
    public void ShapeMismatchOfARequestIsJudgedBeforeRegistration() =>
        Assert.That(Expect("call c0 5 in=00").Rule, Is.EqualTo(Rules.DispatchShape));
}

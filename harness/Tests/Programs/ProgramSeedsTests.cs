using ConformanceKit.Programs;
using ConformanceKit.Spec;
using ConformanceKit.Tests.Support;

namespace ConformanceKit.Tests.Programs;

public class ProgramSeedsTests
{
    readonly ProgramSeeds _seeds = new(Specs.NullDriver);
    readonly ProgramDecoder _decoder = new(Specs.NullDriver);

    CallStep FirstCall(string name)
    {
        var bytes = _seeds.All().Single(s => s.Name == name).Bytes;
        return _decoder.Decode(bytes).Steps.OfType<CallStep>().First();
    }

    [Test]
    public void DeclaredSeedOfEverySelectorDecodesToItsWellShapedCall()
    {
        foreach (var entry in Specs.NullDriver.Selectors)
        {
            var call = FirstCall($"sel{entry.Selector}-declared");
            Assert.Multiple(() =>
            {
                Assert.That(call.Selector, Is.EqualTo(entry.Selector));
                Assert.That(entry.Shape.ScalarInput.Accepts((ulong)call.ScalarInput.Count), $"{entry.Label} scalar input");
                Assert.That(entry.Shape.StructInput.Accepts((ulong)call.StructInput.Count), $"{entry.Label} struct input");
                Assert.That(entry.Shape.ScalarOutput.Accepts(call.ScalarOutputCapacity), $"{entry.Label} scalar output");
                Assert.That(entry.Shape.StructOutput.Accepts(call.StructOutputCapacity), $"{entry.Label} struct output");
                Assert.That(call.Async is not null, Is.EqualTo(entry.Completion == CompletionRule.Required), $"{entry.Label} completion");
            });
        }
    }

    [Test]
    public void BoundarySeedsMissTheDeclaredShapeByExactlyTheirBoundary()
    {
        Assert.That(FirstCall("sel3-struct-in-minus").StructInput.Count, Is.EqualTo(15));
        Assert.That(FirstCall("sel3-struct-in-plus").StructInput.Count, Is.EqualTo(17));
        Assert.That(FirstCall("sel2-scalar-in-minus").ScalarInput.Count, Is.EqualTo(15));
        Assert.That(FirstCall("sel2-scalar-in-17").ScalarInput.Count, Is.EqualTo(17));
        Assert.That(FirstCall("sel1-struct-out-4103").StructOutputCapacity, Is.EqualTo(4103));
        Assert.That(FirstCall("sel1-struct-in-4097").StructInput.Count, Is.EqualTo(4097));
        Assert.That(FirstCall("sel4-no-completion").Async, Is.Null);
        Assert.That(FirstCall("sel3-with-completion").Async, Is.Not.Null);
    }

    [Test]
    public void SeedsLeaveTheTable()
    {
        Assert.That(FirstCall("outside-table").Selector, Is.EqualTo(Specs.NullDriver.SelectorLimit));
        Assert.That(FirstCall("far-selector").Selector, Is.EqualTo(ProgramDecoder.FarSelectors[0]));
    }

    [Test]
    public void AsyncSeedsRegisterRequestAndWaitPastTheDeadline()
    {
        var bytes = _seeds.All().Single(s => s.Name == "async-two-requests").Bytes;
        var text = ProgramText.Format(_decoder.Decode(bytes));
        Assert.That(text, Is.EqualTo(
            "open c0\n" +
            "async c0 4 refcon=1 in=u64:0x807060504030201,0x100f0e0d0c0b0a09 struct_out=16\nwait 8s\n" +
            "call c0 5 in=u64:0x807060504030201,0x100f0e0d0c0b0a09\n" +
            "call c0 5 in=u64:0x807060504030201,0x100f0e0d0c0b0a09\nwait 8s\n"));
    }

    [Test]
    public void SeedNamesAreUniqueAndEverySizeOperandRoundTrips()
    {
        var names = _seeds.All().Select(s => s.Name).ToArray();
        Assert.That(names, Is.Unique);
        foreach (var size in ProgramDecoder.SizeTable)
            Assert.That(ProgramDecoder.DecodeSize(ProgramSeeds.SizeOperand(size), null), Is.EqualTo(size));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProgramSeeds.SizeOperand(5000));
    }

    [Test]
    public void DictionaryHasAWholeCallPerSelector() =>
        Assert.That(_seeds.Dictionary().Count(t => t.Name.StartsWith("call_sel", StringComparison.Ordinal)), Is.EqualTo(Specs.NullDriver.Selectors.Length));
}

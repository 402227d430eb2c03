using ConformanceKit.Oracle;
using ConformanceKit.Programs;
using ConformanceKit.Properties.Catalog;
using ConformanceKit.Properties.Generators;
using ConformanceKit.Spec;
using ConformanceKit.Targets;
using FsCheck;
using FsCheck.Fluent;

namespace ConformanceKit.Properties.Tests.Generators;

/// <summary>FsCheck arbitraries over the NullDriver spec, for properties of the generators themselves.</summary>
public static class NullDriverArbitraries
{
    public static readonly DispatchSpec Spec = SpecLoader.LoadFile(Path.Combine(RepositoryLayout.Root, "dext", "NullDriver", "spec.yaml"));

    /// <summary>Programs from every generator of the catalog, shrunk by the program shrinker.</summary>
    public static Arbitrary<Program> Programs() =>
        Arb.From(Gen.OneOf(RuleCatalog.For(Spec, TransportAbilities.All).Where(t => t.Property is not null).Select(t => t.Property!.Generator)), ProgramShrinker.Candidates);

    public static Arbitrary<MalformedCall> MalformedCalls() =>
        Arb.From(Gen.Elements(Spec.Selectors.Where(s => s.Checked).ToArray()).SelectMany(entry => CallGen.Malformed(entry).Select(call => new MalformedCall(entry, call))));

    public static Arbitrary<WellShapedCall> WellShapedCalls() =>
        Arb.From(Gen.Elements(Spec.Selectors.ToArray()).SelectMany(entry => CallGen.WellShaped(entry).Select(call => new WellShapedCall(entry, call))));
}

/// <summary>A selector and a call that should fail one of its dispatch checks (FsCheck picks arbitraries by type).</summary>
public sealed record MalformedCall(SelectorSpec Entry, CallStep Call);

/// <summary>A selector and a call with its declared shape.</summary>
public sealed record WellShapedCall(SelectorSpec Entry, CallStep Call);

public class GeneratorProperties
{
    [FsCheck.NUnit.Property(Arbitrary = [typeof(NullDriverArbitraries)], MaxTest = 300)]
    public bool GeneratedProgramsAreValid(Program program) => ProgramValidity.IsValid(program);

    [FsCheck.NUnit.Property(Arbitrary = [typeof(NullDriverArbitraries)], MaxTest = 300)]
    public bool GeneratedProgramsRoundTripThroughText(Program program) =>
        ProgramText.Parse(ProgramText.Format(program)) == program;

    [FsCheck.NUnit.Property(Arbitrary = [typeof(NullDriverArbitraries)], MaxTest = 100)]
    public bool ShrinkCandidatesAreValidAndSmaller(Program program) =>
        ProgramShrinker.Candidates(program).Take(50).All(c => ProgramValidity.IsValid(c) && Runner.ProgramSize.Of(c) < Runner.ProgramSize.Of(program));

    [FsCheck.NUnit.Property(Arbitrary = [typeof(NullDriverArbitraries)], MaxTest = 300)]
    public bool MalformedCallsFailADispatchCheck(MalformedCall pair) =>
        DispatchOracle.FirstShapeMismatch(pair.Entry, pair.Call) is not null;

    [FsCheck.NUnit.Property(Arbitrary = [typeof(NullDriverArbitraries)], MaxTest = 300)]
    public bool WellShapedCallsPassEveryDispatchCheck(WellShapedCall pair) =>
        DispatchOracle.FirstShapeMismatch(pair.Entry, pair.Call) is null;

    [Test]
    public void SizeGeneratorReachesEveryBoundary()
    {
        var sizes = ShapeGen.Size(new ShapeSize(16)).Sample(2000, new Rnd(3), 50).ToHashSet();
        Assert.That(sizes, Is.SupersetOf(new uint[] { 0, 1, 15, 16, 17, 4095, 4096, 4097, 4103, 4104, 4105, 65536 }));
        var counts = ShapeGen.Count(new ShapeSize(16)).Sample(500, new Rnd(3), 50).ToHashSet();
        Assert.That(counts, Is.SupersetOf(new uint[] { 0, 15, 16, 17 }));
    }

    [Test]
    public void ProtocolProgramsExerciseTheWholeLifecycle()
    {
        var programs = ProtocolGen.Programs(NullDriverArbitraries.Spec).Sample(300, new Rnd(5), 12);
        var steps = programs.SelectMany(p => p.Steps).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(steps.OfType<CallStep>().Any(c => c.Selector == 4 && c.HasCompletion), "register");
            Assert.That(steps.OfType<CallStep>().Any(c => c.Selector == 5 && c.HasCompletion), "async request");
            Assert.That(steps.OfType<CallStep>().Any(c => c.Selector == 5 && !c.HasCompletion), "sync request");
            Assert.That(steps.OfType<CloseStep>().Any(), "close");
            Assert.That(steps.OfType<OpenStep>().Any(o => o.Slot > 0), "several connections");
            Assert.That(steps.OfType<WaitStep>().Select(w => w.Nanoseconds).Distinct().Count(), Is.GreaterThan(4), "waits around the delay");
            Assert.That(programs.Any(p => p.Steps.OfType<OpenStep>().GroupBy(o => o.Slot).Any(g => g.Count() > 1)), "reopen");
        });
    }
}

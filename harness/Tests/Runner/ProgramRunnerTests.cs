using System.Collections.Immutable;
using ConformanceKit.IOKit;
using ConformanceKit.Oracle;
using ConformanceKit.Programs;
using ConformanceKit.Runner;
using ConformanceKit.Spec;
using ConformanceKit.Tests.Support;
using ConformanceKit.Testing;

namespace ConformanceKit.Tests.Runner;

public class ProgramRunnerTests
{
    static RunResult Run(string program, bool hardened = false, Action<FakeNullDriver>? configure = null, DispatchSpec? spec = null)
    {
        var fake = new FakeNullDriver(hardened);
        configure?.Invoke(fake);
        return new ProgramRunner(spec ?? Specs.NullDriver, fake).Run(P.Program(program));
    }

    static string[] Found(RunResult result) => result.Violations.Select(v => $"{v.Rule}@{v.Selector?.ToString() ?? "-"}:{v.Kind}").ToArray();

    [Test]
    public void WellBehavedProgramPasses()
    {
        var result = Run("""
            open c0
            call c0 2 scalars=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16 scalar_out=16
            call c0 3 in=u64:1,2 struct_out=16
            async c0 4 refcon=9 in=u64:5,6 struct_out=16
            wait 6s
            close c0
            """);
        Assert.That(Found(result), Is.Empty);
        Assert.That(result.Observations[2], Is.EqualTo("kIOReturnSuccess (0x00000000) out=u64:2,12"));
        Assert.That(result.Observations[4], Is.EqualTo("t=6s c0 completion refcon=9 status=kIOReturnSuccess (0x00000000) args=[2, 6, 16] at 5s"));
    }

    [Test]
    public void ShortStructInputToUncheckedStructIsAMemorySafetyFinding()
    {
        var result = Run("open c0\ncall c0 1 in=01 struct_out=16\ncall c0 3 in=u64:1,2 struct_out=16\n");
        Assert.That(Found(result), Is.EqualTo(new[] { "memory.safety@1:heap-buffer-overflow-read@NullDriver::HandleExternalStruct" }));
        Assert.That(result.Crash!.StepIndex, Is.EqualTo(1));
        Assert.That(result.DextLog, Does.Contain("AddressSanitizer"));
    }

    [Test]
    public void OutputCapacityJustOver4096IsAnOutOfBoundsWrite()
    {
        var result = Run("open c0\ncall c0 1 in=u64:1,2 struct_out=4097\n");
        Assert.That(Found(result), Is.EqualTo(new[] { "memory.safety@1:heap-buffer-overflow-write@NullDriver::HandleExternalStruct" }));
    }

    [Test]
    public void HardenedVariantSurvivesTheSameCalls()
    {
        var result = Run("open c0\ncall c0 1 in=01 struct_out=16\ncall c0 1 in=u64:1,2 struct_out=4097\n", hardened: true);
        Assert.That(Found(result), Is.Empty);
    }

    [Test]
    public void RegisteringTwiceLeaksAnOSAction()
    {
        const string program = "open c0\nasync c0 4 refcon=1 in=u64:0,0 struct_out=16\nasync c0 4 refcon=2 in=u64:0,0 struct_out=16\nclose c0\n";
        Assert.That(Found(Run(program)), Does.Contain("objects.balance@-:leak:OSAction"));
        Assert.That(Found(Run(program, hardened: true)), Is.Empty);
    }

    [Test]
    public void ConnectionsLeftOpenAreClosedAndCounted() =>
        Assert.That(Found(Run("open c0\nasync c0 4 refcon=1 in=u64:0,0 struct_out=16\nasync c0 4 refcon=2 in=u64:0,0 struct_out=16\n")),
            Does.Contain("objects.balance@-:leak:OSAction"));

    [Test]
    public void TwoArmingsWithinTheDelayLoseACompletion()
    {
        var result = Run("open c0\nasync c0 4 refcon=1 in=u64:1,1 struct_out=16\ncall c0 5 in=u64:2,2\nwait 8s\n");
        Assert.That(Found(result), Is.EqualTo(new[] { "async.delivery@4:missing-completion" }));
        Assert.That(result.Violations[0].StepIndex, Is.EqualTo(1), "the register call's completion was replaced");
    }

    [Test]
    public void ArmingsFartherApartThanTheDelayEachComplete() =>
        Assert.That(Found(Run("open c0\nasync c0 4 refcon=1 in=u64:1,1 struct_out=16\nwait 6s\ncall c0 5 in=u64:2,2\nwait 6s\n")), Is.Empty);

    [Test]
    public void RequestBeforeRegistrationIsRefusedBySample() =>
        Assert.That(Found(Run("open c0\ncall c0 5 in=u64:1,2\nwait 8s\n")), Is.Empty);

    [Test]
    public void WrongCompletionArgumentsAreFound() =>
        Assert.That(Found(Run("open c0\nasync c0 4 refcon=1 in=u64:1,1 struct_out=16\nwait 8s\n", configure: f => f.WrongCompletionArgument = true)),
            Is.EqualTo(new[] { "async.delivery@4:wrong-args" }));

    [Test]
    public void CompletionNotYetDueIsNotMissing() =>
        Assert.That(Found(Run("open c0\nasync c0 4 refcon=1 in=u64:1,1 struct_out=16\nwait 4s\n")), Is.Empty);

    [Test]
    public void MissingStructInputCheckIsADispatchShapeFinding() =>
        Assert.That(Found(Run("open c0\ncall c0 3 in=000102030405060708090a0b0c0d0e0f10 struct_out=16\n", configure: f => f.BreakCheckedStructInputCheck = true)),
            Is.EqualTo(new[] { "dispatch.shape@3:structInput" }));

    [Test]
    public void SpecWithAWrongCountIsCaughtBothWays()
    {
        var spec = Specs.NullDriver;
        var broken = spec with { Selectors = spec.Selectors.Select(s => s.Selector == 3 ? s with { Shape = s.Shape with { StructInput = new ShapeSize(17) } } : s).ToImmutableArray() };
        var result = Run("open c0\ncall c0 3 in=u64:1,2 struct_out=16\ncall c0 3 in=00*17 struct_out=16\n", spec: broken);
        Assert.That(Found(result), Is.EqualTo(new[] { "dispatch.shape@3:structInput", "dispatch.accept@3:accept" }));
    }

    [Test]
    public void WrongResultFormulaIsADispatchAcceptFinding()
    {
        var spec = Specs.NullDriver;
        var result3 = new ResultSpec(null, null, [ConformanceKit.Spec.Expressions.ExprParser.Parse("in.u64[0] + 2")]);
        var broken = spec with { Selectors = spec.Selectors.Select(s => s.Selector == 3 ? s with { Result = result3, Examples = [] } : s).ToImmutableArray() };
        var result = Run("open c0\ncall c0 3 in=u64:1,2 struct_out=16\n", spec: broken);
        Assert.That(Found(result), Is.EqualTo(new[] { "dispatch.accept@3:output-value" }));
        Assert.That(result.Violations[0].Expected, Is.EqualTo("structure u64[0] = (in.u64[0] + 2) = 3"));
    }

    [Test]
    public void SelectorRangeUsesTheSpecsCode()
    {
        Assert.That(Found(Run("open c0\ncall c0 6\ncall c0 0xffffffff\n")), Is.Empty);
        var strict = Specs.NullDriver with { OutOfRange = [IOReturn.BadArgument] };
        Assert.That(Found(Run("open c0\ncall c0 6\n", spec: strict)), Is.EqualTo(new[] { "selector.range@6:out-of-range" }));
    }

    [Test]
    public void RefusedOpenOfAnAllowedClientIsAnEntitlementFinding()
    {
        var result = Run("open c0\ncall c0 3 in=u64:1,2 struct_out=16\nclose c0\n", configure: f => f.RefuseOpens = true);
        Assert.That(Found(result), Is.EqualTo(new[] { "access.entitlement@-:entitled-refused" }));
        Assert.That(result.Observations[1], Is.EqualTo("skipped: the connection did not open"));
    }

    [Test]
    public void MemoryStepsOnATransportThatCannotMapAreSkipped()
    {
        // The fake offers no ISharedMemory (as on a Mac): the map says why, and its poke and peek follow it.
        var result = Run("open c0\nmap c0 m0 type=0\npoke m0 offset=0 in=01\npeek m0 offset=0 len=1\nclose c0\n");
        Assert.That(Found(result), Is.Empty);
        Assert.That(result.Observations.Skip(1).Take(3), Is.EqualTo(new[]
        {
            "skipped: the inproc transport cannot map a dext's memory",
            "skipped: the memory did not map",
            "skipped: the memory did not map",
        }));
    }

    [Test]
    public void OpenOfAnUnentitledClientMustBeRefusedWhenTheSpecSaysEntitled()
    {
        var spec = Specs.NullDriver with { Access = AccessPolicy.Entitled };
        Assert.That(Found(Run("open c0 access=none\n", spec: spec)), Is.EqualTo(new[] { "access.entitlement@-:unentitled-opened" }));
        Assert.That(Found(Run("open c0\n", spec: spec)), Is.Empty);
    }

    [Test]
    public void StopAtFirstViolationStopsEarly()
    {
        var fake = new FakeNullDriver(hardened: false) { BreakCheckedStructInputCheck = true };
        var runner = new ProgramRunner(Specs.NullDriver, fake, RunnerOptions.Fuzzing);
        var result = runner.Run(P.Program("open c0\ncall c0 3 in=00 struct_out=16\ncall c0 3 in=00 struct_out=16\n"));
        Assert.That(result.Violations, Has.Count.EqualTo(1));
        Assert.That(fake.Calls, Is.EqualTo(1));
    }

    [Test]
    public void FindingCarriesReproducerThatReplaysToTheSameSignature()
    {
        var result = Run("open c0\nwait 1s\ncall c0 1 in=01 struct_out=16\n");
        var finding = Finding.From("NullDriver", result).Single();
        var replayed = Run(finding.Reproducer());
        Assert.That(Finding.From("NullDriver", replayed).Single().Signature, Is.EqualTo(finding.Signature));
        Assert.That(finding.Reproducer(), Does.StartWith(ProgramText.Header + "\n# dext: NullDriver\n# rule: memory.safety"));
    }

    [Test]
    public void FindingSetKeepsOnePerSignatureWithTheSmallestProgram()
    {
        var big = Finding.From("d", Run("open c0\nwait 1s\ncall c0 1 in=01 struct_out=16\n")).Single();
        var small = Finding.From("d", Run("open c0\ncall c0 1 in=01 struct_out=16\n")).Single();
        var other = Finding.From("d", Run("open c0\ncall c0 1 in=u64:1,2 struct_out=4097\n")).Single();
        var set = new FindingSet();
        Assert.That(set.Add(big), Is.True);
        Assert.That(set.Add(small), Is.True);
        Assert.That(set.Add(big), Is.False);
        Assert.That(set.Add(other), Is.True);
        Assert.That(set.All.Select(f => f.Program.Count), Is.EqualTo(new[] { 2, 2 }));
    }

    [Test]
    public void ShrinkingReducesAFailingProgramToItsCore()
    {
        var program = P.Program("""
            open c0
            open c1
            call c1 2 scalars=5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5 scalar_out=16
            wait 3s
            call c0 1 scalars=1,2 in=0102030405 scalar_out=4 struct_out=4103
            call c0 3 in=u64:1,2 struct_out=16
            close c1
            """);
        var fake = new FakeNullDriver(hardened: false);
        var runner = new ProgramRunner(Specs.NullDriver, fake);
        var signature = Finding.From("d", runner.Run(program)).Single().Signature;
        var minimal = ProgramShrinker.Minimize(program, p => Finding.From("d", runner.Run(p)).Any(f => f.Signature == signature)).Program;
        Assert.That(ProgramText.Format(minimal), Is.EqualTo("open c0\ncall c0 1 in=00\n"));
    }
}

using ConformanceKit.Programs;
using ConformanceKit.Tests.Support;

namespace ConformanceKit.Tests.Programs;

/// <summary>A burst repeats one call on its connection with new inputs each time; the decoder and the seeds make them.</summary>
public class BurstsTests
{
    readonly ProgramDecoder _decoder = new(Specs.NullDriver);

    [Test]
    public void EachRepetitionHasNewInputsAndItsOwnRefcon()
    {
        var call = new CallStep(1, 5, new ulong[] { 7, 9 }, new byte[] { 1, 0, 0, 0, 0, 0, 0, 0, 4 }, 0, 0, new AsyncReference(3));
        var burst = Bursts.Of(call, 3).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(burst, Has.Length.EqualTo(3));
            Assert.That(burst[0], Is.EqualTo(call));
            Assert.That(burst.Select(c => c.ScalarInput[0]), Is.EqualTo(new ulong[] { 7, 8, 9 }), "a memo or cache meets new keys");
            Assert.That(burst.Select(c => c.ScalarInput[1]), Is.All.EqualTo(9UL));
            Assert.That(burst.Select(c => c.StructInput[0]), Is.EqualTo(new byte[] { 1, 2, 3 }), "the first structure word moves too");
            Assert.That(burst.Select(c => c.StructInput[8]), Is.All.EqualTo((byte)4));
            Assert.That(burst.Select(c => c.Async!.Refcon), Is.EqualTo(new ulong[] { 3, 4, 5 }));
            Assert.That(burst.Select(c => (c.Slot, c.Selector)), Is.All.EqualTo((1, 5u)));
        });
    }

    [TestCase(16, 257, 257)]
    [TestCase(4096, 257, 33)]
    [TestCase(4096, 17, 17)]
    [TestCase(65536, 257, 3)]
    [TestCase(65536, 3, 3)]
    public void ABurstOfALargeStructureRepeatsFewerTimes(int structureBytes, int asked, int made)
    {
        // 257 copies of a 64 KiB input were 16 MiB to build, hash and send per execution.
        var call = new CallStep(0, 1, new ulong[] { 1 }, new byte[structureBytes], 0, 0, null);
        Assert.That(Bursts.Of(call, asked).Count(), Is.EqualTo(made));
        Assert.That((long)made * structureBytes, Is.LessThanOrEqualTo(Math.Max(Bursts.MaxBytes, 3L * structureBytes)));
    }

    [Test]
    public void ABurstOpcodeRepeatsItsCallAndLaterRefconsFollowIt()
    {
        // async c0 on selector index 5 (AsyncRequest) as a burst of Bursts.Sizes[1], then one more async call
        byte[] operands = [5, ProgramDecoder.CountDeclared, ProgramDecoder.SizeDeclared, ProgramDecoder.CountDeclared, ProgramDecoder.SizeDeclared, 0];
        var program = _decoder.Decode([0x03 | ProgramDecoder.BurstBits, .. operands, 1, 0x03, .. operands]);
        var calls = program.Steps.OfType<CallStep>().ToArray();
        Assert.That(calls, Has.Length.EqualTo(Bursts.Sizes[1] + 1));
        Assert.That(calls.Select(c => c.Async!.Refcon), Is.EqualTo(Enumerable.Range(1, calls.Length).Select(r => (ulong)r)), "every refcon once");
        Assert.That(ProgramValidity.FirstProblem(program), Is.Null);
    }

    [Test]
    public void TheLargestBurstsFitTheStepLimitAndFurtherOnesAreSingleCalls()
    {
        var bytes = Enumerable.Range(0, ProgramDecoder.MaxSteps)
            .SelectMany(_ => new byte[] { ProgramDecoder.BurstBits, 3, ProgramDecoder.CountDeclared, ProgramDecoder.SizeDeclared, 0, ProgramDecoder.SizeDeclared, 1, (byte)(Bursts.Sizes.Count - 1) })
            .ToArray();
        var program = _decoder.Decode(bytes);
        Assert.That(program.Count, Is.InRange(3 * Bursts.Largest, Bursts.MaxSteps));
    }

    [Test]
    public void SeedsBurstEverySelectorButTheRegisterAndSendTwoRequestsApart()
    {
        var seeds = new ProgramSeeds(Specs.NullDriver).All().ToDictionary(s => s.Name, s => s.Bytes);
        Assert.Multiple(() =>
        {
            foreach (var selector in (uint[])[0, 1, 2, 3, 5])
            {
                var calls = _decoder.Decode(seeds[$"sel{selector}-burst-65"]).Steps.OfType<CallStep>().Where(c => c.Selector == selector).ToArray();
                Assert.That(calls, Has.Length.EqualTo(65), $"selector {selector}");
            }
            Assert.That(seeds.Keys, Has.None.StartsWith("sel4-burst"), "the register is not burst");
            // NullDriver's delay is 5 s: the shortest and the longest wait of the decoder's table below it.
            Assert.That(seeds.Keys.Where(k => k.StartsWith("async-requests-", StringComparison.Ordinal)), Is.EquivalentTo(new[] { "async-requests-1ms-apart", "async-requests-4999ms-apart" }));
            var requests = _decoder.Decode(seeds["async-requests-4999ms-apart"]).Steps.OfType<CallStep>().Count(c => c.Selector == 5);
            Assert.That(requests, Is.EqualTo(2));
        });
    }
}

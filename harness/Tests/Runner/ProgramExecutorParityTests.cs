using ConformanceKit.Programs;
using ConformanceKit.Runner;
using ConformanceKit.Spec;
using ConformanceKit.Targets;
using ConformanceKit.Transports.Socket;

namespace ConformanceKit.Tests.Runner;

/// <summary>
/// dexthost's program executor (RunProgram, dext/host/src/ProgramOps.cpp) makes the operations the
/// runner would make step by step, and the runner judges its record. These tests run the same
/// programs both ways on test dexts that use every kind of step — calls and completions, shared
/// memory, device data, unplugs and interrupts, HID reports, crashes — and require the same result:
/// every observation, violation, log line and count. The replay itself checks each request against
/// the one the host made, so a drift in either side fails here as a divergence, not as a wrong verdict.
/// </summary>
[TestFixture]
[NonParallelizable]
public class ProgramExecutorParityTests
{
    static readonly string[] Dexts =
    [
        "dext/NullDriver", "dext/NullDriverHardened", "dext/tests/dexts/SequenceDriver", "dext/tests/dexts/SharedMemoryDriver",
        "dext/tests/dexts/VirtualHIDDriver", "dext/tests/dexts/PciBarDriver", "dext/tests/dexts/UsbVendorDriver",
        "dext/tests/dexts/LeakyDriver", "dext/tests/dexts/HiddenCrashDriver", "dext/tests/dexts/TeardownDriver",
    ];

    [TestCaseSource(nameof(Dexts))]
    public void SeedsAndDecodedInputsJudgeAlikeBothWays(string folder)
    {
        var (spec, whole) = Host(folder);
        using var _ = whole;
        using var stepwise = Host(folder).Transport;
        var programs = Programs(spec).ToList();
        foreach (var options in new[] { RunnerOptions.Default, RunnerOptions.Fuzzing })
        {
            var executed = new ProgramRunner(spec, whole, options);
            var live = new ProgramRunner(spec, stepwise, options with { StepByStep = true });
            foreach (var (name, program) in programs)
            {
                var expected = live.Run(program);
                var actual = executed.Run(program);
                Assert.That(Describe(actual, options), Is.EqualTo(Describe(expected, options)), $"{folder}: {name} ({(options.RecordObservations ? "check" : "fuzz")} options):\n{ProgramText.Format(program)}");
            }
        }
        // Fewer round trips however many programs crash (each crashing one is run again step by step).
        Assert.That(whole.Exchanges, Is.LessThan(stepwise.Exchanges));
    }

    [Test]
    public void AProgramThatDoesNotCrashCostsOneExchange()
    {
        var (spec, transport) = Host("dext/NullDriverHardened");
        using var _ = transport;
        var runner = new ProgramRunner(spec, transport);
        var program = ProgramText.Parse("""
            open c0
            async c0 4 refcon=1 in=u64:0,0 struct_out=16
            async c0 5 refcon=2 in=u64:1,2 struct_out=16
            wait 2s
            call c0 2 in=u64:1,2
            open c1
            close c0
            call c1 3 in=00000000000000000000000000000000 struct_out=16

            """);
        var before = transport.Exchanges;
        var result = runner.Run(program);
        Assert.That(result.Observations, Has.Count.EqualTo(program.Steps.Count));
        Assert.That(transport.Exchanges - before, Is.EqualTo(1), "reset, 8 steps, their completions, the closes and the live-object counts in one round trip");
    }

    [Test]
    public void AProgramThatCrashesTheDextIsAnsweredUpToTheCrashingCallInOneExchange()
    {
        var (spec, transport) = Host("dext/NullDriver");
        using var _ = transport;
        var runner = new ProgramRunner(spec, transport);
        var program = ProgramText.Parse("""
            open c0
            call c0 0 in=u64:1
            call c0 1 in=u64:0,0 struct_out=4097
            call c0 0 in=u64:2

            """);
        var (starts, exchanges) = (transport.HostStarts, transport.Exchanges);
        var result = runner.Run(program);
        Assert.That(result.Crash, Is.Not.Null);
        Assert.That(result.Crash!.StepIndex, Is.EqualTo(2), "the step that crashed");
        Assert.That(result.Observations, Has.Count.EqualTo(2), "what the steps before it observed");
        Assert.That(result.Violations.Single().Kind, Does.StartWith("heap-buffer-overflow-write@NullDriver::HandleExternalStruct"));
        Assert.That(result.Crash.Report, Does.Contain("NullDriver.cpp:"), "the report is symbolized");
        Assert.That((transport.HostStarts - starts, transport.Exchanges - exchanges), Is.EqualTo((0, 1)),
            "one exchange: the sanitizer's death callback sent the records before the host exited");

        var next = runner.Run(ProgramText.Parse("open c0\ncall c0 0 in=u64:1\n"));
        Assert.That(next.Passed, Is.True);
        Assert.That(transport.HostStarts - starts, Is.EqualTo(1), "the next program starts one new host");
    }

    [Test]
    public void AProgramThatCrashesABuildWithoutSanitizersIsRunAgainStepByStepForItsStep()
    {
        var (spec, transport) = Host("dext/tests/dexts/CrashDriver", DextVariant.Release);
        using var _ = transport;
        var runner = new ProgramRunner(spec, transport);
        // Selector 4 reads a slot of a table that was never mapped: SIGSEGV, and no death callback to answer.
        var program = ProgramText.Parse("open c0\ncall c0 5 scalars=0,1 scalar_out=1\ncall c0 4 scalars=0,3 scalar_out=1\nclose c0\n");
        var (starts, exchanges) = (transport.HostStarts, transport.Exchanges);
        var result = runner.Run(program);
        Assert.That(result.Crash, Is.Not.Null);
        Assert.That(result.Crash!.StepIndex, Is.EqualTo(2), "the step that crashed, found by running the program again step by step");
        Assert.That(result.Observations, Has.Count.EqualTo(2), "what the steps before it observed");
        Assert.That(result.Violations.Single().Kind, Is.EqualTo("signal-SIGSEGV"));
        Assert.That(transport.HostStarts - starts, Is.EqualTo(1), "one restart, for the step-by-step run");
        Assert.That(transport.Exchanges - exchanges, Is.GreaterThan(2));
    }

    /// <summary>
    /// TeardownDriver's Stop writes to a note its Arm freed: the crash comes when the system stops the
    /// service. It is the finding of the program that armed it — after its last step, on no selector —
    /// both ways, and the program after it runs clean (it used to meet the crash in its own reset).
    /// </summary>
    [TestCase(false)]
    [TestCase(true)]
    public void ACrashInTheTeardownIsTheFindingOfTheProgramThatCausedIt(bool stepByStep)
    {
        var (spec, transport) = Host("dext/tests/dexts/TeardownDriver");
        using var _ = transport;
        var runner = new ProgramRunner(spec, transport, RunnerOptions.Default with { StepByStep = stepByStep });
        var armed = runner.Run(ProgramText.Parse("open c0\ncall c0 1\ncall c0 0 scalars=7 scalar_out=1\nclose c0\n"));
        Assert.That(armed.Crash, Is.Not.Null, "the teardown of the program that armed the note crashes");
        Assert.That(armed.Crash!.StepIndex, Is.EqualTo(4), "after the last step");
        Assert.That(armed.Violations.Single().Selector, Is.Null);
        Assert.That(armed.Violations.Single().Kind, Does.StartWith("heap-use-after-free-write@TeardownDriver::Stop"));
        Assert.That(armed.Observations, Has.Count.EqualTo(4), "every step ran before it");

        var next = runner.Run(ProgramText.Parse("open c0\ncall c0 0 scalars=7 scalar_out=1\nclose c0\n"));
        Assert.That(next.Passed, Is.True, "nothing of the armed program is left to the next one");
    }

    /// <summary>The dext in <paramref name="folder"/> built (asan by default), its spec and a host of its own.</summary>
    static (DispatchSpec Spec, SocketTransport Transport) Host(string folder, DextVariant variant = DextVariant.Asan)
    {
        var target = DextTarget.Resolve(Path.Combine(RepositoryLayout.Root, folder));
        target.Build(variant);
        return (target.LoadSpec(), new SocketTransport(target.HostPath(variant), TimeSpan.FromSeconds(5)));
    }

    static IEnumerable<(string Name, Program Program)> Programs(DispatchSpec spec)
    {
        var decoder = new ProgramDecoder(spec);
        foreach (var (name, bytes) in new ProgramSeeds(spec).All()) yield return ($"seed {name}", decoder.Decode(bytes));
        // Inputs as the fuzzer makes them: mutated seeds and random bytes, the same on every run.
        var random = new Random(18);
        var seeds = new ProgramSeeds(spec).All();
        for (var k = 0; k < 60; k++)
        {
            var bytes = k % 2 == 0 ? seeds[random.Next(seeds.Count)].Bytes.ToArray() : new byte[random.Next(1, 64)];
            if (k % 2 == 1) random.NextBytes(bytes);
            else for (var flips = 0; flips < 3 && bytes.Length > 0; flips++) bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
            yield return ($"input {k} {Convert.ToHexString(bytes)}", decoder.Decode(bytes));
        }
    }

    /// <summary>
    /// Everything the runner reports. The dext's log is compared where the runner runs every step: a
    /// runner that stops at the first violation (the fuzz loop) reads the log of a dext that, run in
    /// one exchange, went on to the program's end.
    /// </summary>
    static string Describe(RunResult result, RunnerOptions options) => Normalize(string.Join("\n",
        [
            .. result.Observations.Select(o => "observed " + o),
            .. result.Violations.Select(v => $"violation {v.Rule} step {v.StepIndex} selector {v.Selector} {v.Kind}: {v.Observed}"),
            $"crash {result.Crash?.StepIndex} {result.Crash?.Hang} {result.Crash?.Summary}",
            $"calls {result.CallsDelivered} reached {result.ReachedDext} open-problem {result.OpenProblem} completions {result.CompletionsJudged}",
            .. result.HidLog ?? [],
            .. result.PeekLog ?? [],
            "log " + (options.StopAtFirstViolation && result.Crash is null ? "" : result.DextLog),
        ]));

    /// <summary>
    /// Sanitizer reports name the process, addresses and the heap around them, which differ from host
    /// to host (the step-by-step runner's host has run other programs before), and UBSan shows the bytes
    /// of an object of the wrong type, whose pointers differ likewise. Their stacks differ below the
    /// dext (the host's executor calls the handler the step-by-step request reaches directly): the
    /// frames that matter are compared through the violation's kind, which is signed with them.
    /// </summary>
    static string Normalize(string text) =>
        System.Text.RegularExpressions.Regex.Replace(
            System.Text.RegularExpressions.Regex.Replace(
                System.Text.RegularExpressions.Regex.Replace(text, @"Shadow bytes around the buggy address:[\s\S]*?(?=\n==|\nSUMMARY|$)", "(shadow)"),
                @"(?m)^ *(([0-9a-f]{2} +)+[0-9a-f]{2}|#\d+ .*) *(\n|$)", ""),
            @"==\d+==|0x[0-9a-f]+|\(BuildId: [0-9a-f]+\)", "_");
}

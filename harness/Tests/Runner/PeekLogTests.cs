using ConformanceKit.Programs;
using ConformanceKit.Runner;
using ConformanceKit.Targets;
using ConformanceKit.Transports.Socket;

namespace ConformanceKit.Tests.Runner;

/// <summary>
/// What a peek step read is kept with the run (also when per-step observations are off, as in
/// triage and `check`) and shown in the finding's reproducer as "# peek:" lines — on
/// SharedMemoryDriver, whose Sum reads the words the app wrote into memory type 0.
/// </summary>
[TestFixture]
[NonParallelizable]
public class PeekLogTests
{
    [Test]
    public void APeekShowsWhatItReadInTheReproducer()
    {
        var target = DextTarget.Resolve(Path.Combine(RepositoryLayout.Root, "dext", "tests", "dexts", "SharedMemoryDriver"));
        target.Build(DextVariant.Asan);
        var spec = target.LoadSpec();
        using var transport = new SocketTransport(target.HostPath(DextVariant.Asan), TimeSpan.FromSeconds(5));
        var runner = new ProgramRunner(spec, transport, new RunnerOptions(RecordObservations: false));
        var program = ProgramText.Parse("""
            open c0
            map c0 m0 type=0
            poke m0 offset=0 in=0200000000000000
            peek m0 offset=0 len=8
            close c0

            """);
        var result = runner.Run(program);
        Assert.That(result.PeekLog, Is.EqualTo(new[] { "at step 4: m0 offset=0 len=8: kIOReturnSuccess (0x00000000) u64:2" }));

        var finding = new Finding(spec.Dext, new ConformanceKit.Oracle.Violation("memory.safety", 4, null, "kind", "expected", "observed"), program, "", null,
            Peeks: result.PeekLog);
        Assert.That(finding.Reproducer(), Does.Contain("# peek: at step 4: m0 offset=0 len=8: kIOReturnSuccess (0x00000000) u64:2\n"));
        Assert.That(ProgramText.Parse(finding.Reproducer()), Is.EqualTo(program), "the comment does not change the program");

        var fuzzing = new ProgramRunner(spec, transport, RunnerOptions.Fuzzing).Run(program);
        Assert.That(fuzzing.PeekLog, Is.Null, "the fuzz loop makes no load");
    }
}

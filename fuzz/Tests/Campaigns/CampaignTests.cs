using ConformanceKit.Fuzz.Triage;
using ConformanceKit.Programs;
using ConformanceKit.Runner;
using ConformanceKit.Targets;
using ConformanceKit.Transports.Socket;
using Spectre.Console;

namespace ConformanceKit.Fuzz.Tests.Campaigns;

/// <summary>
/// The fuzzer end to end, as CI runs it: a 20 s campaign on the sample NullDriver must show each of its
/// known-vulnerable paths as a distinct, minimal, replayable finding, and the same campaign on the
/// hardened variant must show nothing. Needs afl-fuzz (./run.sh installs Debian's afl++).
/// The sample's paths are reached by the seeds the spec gives (so the finding list does not depend
/// on how fast the machine is); the budget is what afl-fuzz then has to find anything beyond them.
/// How many executions a second it manages is a benchmark (bench/), not an assertion here.
/// </summary>
[TestFixture]
[NonParallelizable]
public class CampaignTests
{
    static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);

    static (CampaignResult Result, CampaignOptions Options) RunCampaign(string dext)
    {
        var target = DextTarget.Resolve(Path.Combine(RepositoryLayout.Root, "dext", dext));
        var output = Path.Combine(RepositoryLayout.Root, "out", "test", "fuzz", dext);
        if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        var options = new CampaignOptions(target, target.LoadSpec(), output, Budget, Jobs: 1, FuzzVariant.Asan,
            Pin: true, Resume: false, NativeCoverage: true, CallTimeout: TimeSpan.FromSeconds(2));
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TestContext.Out), Interactive = InteractionSupport.No });
        return (new Campaign(options, console).Run(), options);
    }

    [Test]
    public void SampleShowsEachKnownVulnerablePathAsADistinctMinimalReplayableFinding()
    {
        var (result, options) = RunCampaign("NullDriver");
        foreach (var (record, folder) in result.Findings) TestContext.Out.WriteLine($"{record.Signature} ({record.Hits} hits) {folder}");

        Assert.That(result.Execs, Is.GreaterThan(0), "afl-fuzz ran the target");
        Assert.That(result.Findings.Select(f => f.Record.Known), Is.All.True, "nothing beyond the sample's known weaknesses");
        var paths = result.Findings.Select(f => $"{f.Record.Rule}@{f.Record.Selector?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}").Distinct().Order(StringComparer.Ordinal);
        Assert.That(paths, Is.EqualTo(new[] { "async.delivery@4", "async.delivery@5", "memory.safety@1", "objects.balance@-" }));
        var memory = result.Findings.Where(f => f.Record.Rule == "memory.safety").Select(f => f.Record.Signature).ToArray();
        Assert.That(memory, Has.Some.Contains("heap-buffer-overflow-read").And.Some.Contains("heap-buffer-overflow-write"));

        using var transport = new SocketTransport(options.Target.HostPath(DextVariant.Asan), TimeSpan.FromSeconds(2));
        var runner = new ProgramRunner(options.Spec, transport);
        foreach (var (record, folder) in result.Findings)
        {
            foreach (var file in new[] { "reproducer.txt", "program.txt", "input.bin", "verdict.txt", "dext.log", "finding.json" })
                Assert.That(File.Exists(Path.Combine(folder, file)), $"{folder}/{file}");
            var program = ProgramText.Parse(File.ReadAllText(Path.Combine(folder, "reproducer.txt")));
            bool Reproduces(Program p) => Finding.From(options.Spec.Dext, runner.Run(p)).Any(f => f.Signature == record.Signature);
            Assert.That(Reproduces(program), $"{record.Signature} replays from {folder}");
            Assert.That(Reproduces(program), $"{record.Signature} replays again (deterministic)");
            for (var k = 1; k < program.Count; k++)
            {
                var without = program.WithoutStep(k);
                if (ProgramValidity.FirstProblem(without) is null)
                    Assert.That(Reproduces(without), Is.False, $"{record.Signature}: step {k + 1} can go, so the reproducer is not minimal:\n{ProgramText.Format(program)}");
            }
            if (record.Rule == "memory.safety")
                Assert.That(File.ReadAllText(Path.Combine(folder, "sanitizer.txt")), Does.Contain("AddressSanitizer"));
        }
    }

    [Test]
    public void HardenedVariantShowsNothing()
    {
        var (result, _) = RunCampaign("NullDriverHardened");
        Assert.That(result.Execs, Is.GreaterThan(0), "afl-fuzz ran the target");
        Assert.That(result.Findings, Is.Empty);
        Assert.That(result.CrashInputs, Is.Zero);
    }
}

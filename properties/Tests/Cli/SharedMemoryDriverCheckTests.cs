using System.Text.Json;
using ConformanceKit.Properties.Tests.Support;
using ConformanceKit.Targets;
using ConformanceKit.Testing;

namespace ConformanceKit.Properties.Tests.Cli;

/// <summary>
/// `check` on SharedMemoryDriver, which shares memory with its app through CopyClientMemoryForType:
/// memory.safety writes hostile contents into the shared region before its calls and finds the planted
/// bug — Lookup indexes a fixed table with a number from the region, unchecked — and nothing else; the
/// memory steps replay on both simulator transports, with what the dext gave as observations.
/// </summary>
[TestFixture]
[NonParallelizable]
public class SharedMemoryDriverCheckTests
{
    static readonly string Dext = Path.Combine(RepositoryLayout.Root, "dext", "tests", "dexts", "SharedMemoryDriver");

    ScratchFolder _scratch = null!;

    [SetUp]
    public void CreateScratch() => _scratch = new ScratchFolder("ck-shared-memory-");

    [TearDown]
    public void RemoveScratch() => _scratch.Dispose();

    [Test]
    public void FindsTheUncheckedIndexFromSharedMemoryAndNothingElse()
    {
        var json = _scratch.File("check.json");
        var result = CliProcess.Run(TimeSpan.FromMinutes(6), "check", "--dext", Dext, "--json", json, "--cases", "20");
        TestContext.Out.WriteLine(result);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var findings = document.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => (Rule: f.GetProperty("rule").GetString()!, Selector: f.GetProperty("selector"), Kind: f.GetProperty("kind").GetString()!,
                Reproducer: f.GetProperty("reproducer").GetString()!))
            .ToArray();
        var shown = string.Join("\n", findings.Select(f => $"{f.Rule} {f.Kind}\n{f.Reproducer}"));
        Assert.That(findings, Is.Not.Empty, shown);
        Assert.Multiple(() =>
        {
            foreach (var finding in findings)
            {
                Assert.That(finding.Rule, Is.EqualTo("memory.safety"), shown);
                Assert.That(finding.Selector.GetUInt32(), Is.EqualTo(1u), shown);
                Assert.That(finding.Kind, Does.Contain("SharedMemoryUserClient::Lookup"), shown);
                Assert.That(finding.Reproducer, Does.Contain("map c0 m0 type=0").And.Contain("poke m0").And.Contain("call c0 1"), shown);
            }
            Assert.That(findings.Any(f => f.Kind.StartsWith("heap-buffer-overflow-read@", StringComparison.Ordinal)), "an index just past the table: " + shown);
        });
    }

    [TestCase("socket")]
    [TestCase("inproc")]
    public void MemoryStepsReplayWithWhatTheDextGave(string transport)
    {
        var program = _scratch.File("program.txt");
        File.WriteAllText(program, """
            open c0
            map c0 m0 type=0
            poke m0 offset=0 in=02000000000000000500000000000000+0700000000000000
            call c0 0 scalar_out=1
            map c0 m1 type=1
            peek m1 offset=0 len=8
            poke m0 offset=4 in=03000000
            call c0 1 scalar_out=1
            map c0 m2 type=7
            close c0

            """);
        var result = CliProcess.Run("replay", program, "--dext", Dext, "--transport", transport);
        TestContext.Out.WriteLine(result);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(result.Stdout, Does.Contain("length=256"), "the region's length");
            Assert.That(result.Stdout, Does.Contain("scalars=12"), "Sum read 5 + 7 the app wrote");
            Assert.That(result.Stdout, Does.Contain("length=1152 read-only"), "the event queue: 128-byte header and 1024 bytes, read-only");
            Assert.That(result.Stdout, Does.Contain("u64:0x1400000000"), "head 0, tail 20: one event of 16 bytes and its size");
            Assert.That(result.Stdout, Does.Contain("scalars=103"), "Lookup of index 3");
            Assert.That(result.Stdout, Does.Contain("CopyClientMemoryForType(type 7) returned 0xe00002c2"), "a type the dext refuses is no finding");
        });
    }
}

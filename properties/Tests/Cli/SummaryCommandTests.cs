using ConformanceKit.Cli.Output;
using ConformanceKit.Contracts;
using ConformanceKit.Contracts.Campaigns;
using ConformanceKit.Contracts.Check;
using ConformanceKit.Properties.Tests.Support;
using ConformanceKit.Testing;

namespace ConformanceKit.Properties.Tests.Cli;

/// <summary>
/// `summary` decides the main job's exit status: it reads check and fuzz JSON alike (written here by
/// the CLI's own records), and with --expect-known a reference dext must show exactly its known
/// findings — a new one, or a known one not seen, is exit 1; anything that is not such a file, exit 2.
/// </summary>
[TestFixture]
public class SummaryCommandTests
{
    static readonly KnownEntry KnownOverflow = new("memory.safety", 1, ["heap-buffer-overflow-read@*"], "unchecked Struct");
    const string OverflowKind = "heap-buffer-overflow-read@NullDriver::HandleExternalStruct";

    ScratchFolder _scratch = null!;

    [SetUp]
    public void CreateScratch() => _scratch = new ScratchFolder("ck-summary-");

    [TearDown]
    public void RemoveScratch() => _scratch.Dispose();

    string Check(string name, IReadOnlyList<KnownEntry> known, params (string Rule, uint? Selector, string Kind, bool Known)[] findings)
    {
        var rules = new[] { new CheckFile.RuleEntry("memory.safety", findings.Length > 0 ? RuleStatus.Failed : RuleStatus.Held, []) };
        var json = new CheckFile(name, "spec.yaml", "socket", "asan", 1, 60, 1000, findings.Length == 0, rules,
            findings.Select(f => new FindingEntry(f.Rule, f.Selector, "sig", "title", f.Known, f.Kind, 1, "e", "o", "open c0\n", null)).ToArray(),
            known);
        var path = _scratch.File($"{name}.check.json");
        Json.Write(path, json);
        return path;
    }

    string Campaign(string name, IReadOnlyList<KnownEntry> known, params (string Rule, uint? Selector, string Kind, bool Known)[] findings) =>
        Campaign(name, known, untriaged: 0, interrupted: false, findings);

    string Campaign(string name, IReadOnlyList<KnownEntry> known, int untriaged, bool interrupted, params (string Rule, uint? Selector, string Kind, bool Known)[] findings)
    {
        var figures = new CampaignFigures
        {
            Dext = name, Variant = "asan", Transport = "socket", Jobs = 1, DurationSeconds = 10, Execs = 1000, ExecsPerSecond = 100, Paths = 50,
            StartedAt = "2026-12-02T00:00:00Z", CrashInputs = findings.Length, Unreproduced = 0, Untriaged = untriaged, Interrupted = interrupted,
        };
        var json = new CampaignSummary(figures, findings.Select(f => new CampaignSummary.Entry(f.Rule, f.Selector, f.Kind, "sig", "open c0\n", f.Known, 1, "/f")).ToArray())
        {
            KnownFindings = known,
        };
        var path = _scratch.File($"{name}.fuzz.json");
        Json.Write(path, json);
        return path;
    }

    [Test]
    public void ExactlyTheKnownFindingsAndACleanHardenedDextIsExit0()
    {
        var result = CliProcess.Run("summary", "--expect-known",
            Check("Sample", [KnownOverflow], ("memory.safety", 1, OverflowKind, true)), Campaign("Sample", [KnownOverflow], ("memory.safety", 1, OverflowKind, true)),
            Check("Hardened", []), Campaign("Hardened", []));
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Stdout, Does.Contain("exactly its known findings").And.Contain("no finding").And.Contain("fuzz asan 10 s"));
    }

    /// <summary>A campaign that did not say everything it found is not green, even with no finding so far.</summary>
    [TestCase(3, false, "unfinished: 3 crash input(s) not triaged yet")]
    [TestCase(0, true, "unfinished: the campaign was interrupted")]
    public void AnUnfinishedCampaignIsExit1(int untriaged, bool interrupted, string said)
    {
        var result = CliProcess.Run("summary", Check("Hardened", []), Campaign("Hardened", [], untriaged, interrupted));
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Stdout, Does.Contain(said));
    }

    [Test]
    public void ANewFindingIsExit1()
    {
        var result = CliProcess.Run("summary", Check("Hardened", []), Campaign("Hardened", [], ("objects.balance", null, "leak:OSAction", false)));
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Stdout, Does.Contain("1 new finding(s)"));
    }

    /// <summary>
    /// A known finding the fuzz targets ran into (knownHits: it no longer crashes the target) counts as
    /// seen for --expect-known even before triage gave it a finding folder, and the table says so.
    /// </summary>
    [Test]
    public void AKnownFindingHitByTheFuzzTargetsCountsAsSeen()
    {
        var path = Campaign("Sample", [KnownOverflow]);
        var campaign = ContractJson.Read<CampaignSummary>(path) with
        {
            KnownHits = [new KnownHit("memory.safety", 1, OverflowKind, "memory.safety|1|" + OverflowKind, 1234, "known/memory.safety-sel1-0123456789ab.bin")],
        };
        Json.Write(path, campaign);
        var result = CliProcess.Run("summary", "--expect-known", path);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Stdout, Does.Contain("known findings hit: memory.safety @ 1 ×1,234"));
    }

    [Test]
    public void AKnownFindingNotSeenIsExit1OnlyWhenExpected()
    {
        var campaign = Campaign("Sample", [KnownOverflow]);
        var strict = CliProcess.Run("summary", "--expect-known", campaign);
        Assert.That(strict.ExitCode, Is.EqualTo(1), strict.ToString());
        // One line although the table is far wider than 80 columns: logs get the unwrapped layout.
        Assert.That(strict.Stdout, Does.Contain("known finding(s) not seen: memory.safety @ 1 (heap-buffer-overflow-read@*)"));
        Assert.That(CliProcess.Run("summary", campaign).ExitCode, Is.Zero, "without --expect-known a fixed known bug is good news");
    }

    /// <summary>A known entry covers its kinds only: another bug on the same selector is not "seen" by it.</summary>
    [Test]
    public void AnotherKindOnAKnownSelectorDoesNotStandInForTheKnownOne()
    {
        var result = CliProcess.Run("summary", "--expect-known",
            Campaign("Sample", [KnownOverflow], ("memory.safety", 1, "heap-use-after-free-read@NullDriver::HandleExternalStruct", false)));
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Stdout, Does.Contain("1 new finding(s)").And.Contain("known finding(s) not seen"));
    }

    [TestCase("not json")]
    [TestCase("{}")]
    [TestCase("[1, 2]")]
    [TestCase("")]
    [TestCase("{\"rules\": 5}")]
    [TestCase("{\"execs\": \"many\"}")]
    [TestCase("{\"rules\": []}")]
    [TestCase("{\"execs\": 1, \"findings\": null}")]
    public void AnythingElseIsOneLineAndExit2(string content)
    {
        var path = _scratch.File("other.json");
        File.WriteAllText(path, content);
        var result = CliProcess.Run("summary", path);
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Does.StartWith($"conformancekit: error: {path} is neither a check result"));
        Assert.That(result.Stderr, Does.Not.Contain("   at "), "no stack trace");
    }
}

using System.Text.Json;
using ConformanceKit.Properties.Tests.Support;
using ConformanceKit.Targets;
using ConformanceKit.Testing;

namespace ConformanceKit.Properties.Tests.Cli;

/// <summary>
/// A drafted spec judges a dext as its hand-written spec does: `spec init`, then `check` with the draft,
/// gives every rule row the status and every finding the signature the hand-written spec gives (the
/// known: marking aside — a draft has no known: entries — and the findings that exist only because a
/// hand-written spec states output values). What these hand-written specs say that the runtime cannot
/// observe, and the draft leaves as TODO comments: the selectors' names, the comments on what each handler
/// does, NullDriverHardened's result: formulas and examples: (output values, whose findings are set aside),
/// the leeway its timer asks for (the virtual clock fires at the deadline, so the draft's 0s judges alike),
/// and the known: entries with their why (KnownCloseDriver's use-after-free at close) — none of which
/// changes a verdict. NullDriverHardened's async: section is observed (register 4, request 5, 5 s, the
/// arguments inferred as the hand-written spec states them); UsbVendorDriver's device errors and reads
/// that complete themselves are observed (mayReturn:, async: own). HiddenCrashDriver, whose async
/// protocol crashes the dext while observed, has a test of its own; HangDriver, CrashDriver, PciBarDriver,
/// VirtualHIDDriver and XcodeLayout agree too, checked by hand (too slow to repeat on every run).
/// </summary>
[TestFixture]
[NonParallelizable]
public class SpecInitVerdictTests
{
    ScratchFolder _scratch = null!;

    [SetUp]
    public void CreateScratch() => _scratch = new ScratchFolder("ck-spec-init-");

    [TearDown]
    public void RemoveScratch() => _scratch.Dispose();

    /// <summary>Findings whose kind is about output values: only a spec that states them (result:, examples:) can have them.</summary>
    static readonly HashSet<string> OutputKinds = ["output-value", "example"];

    /// <remarks>
    /// NullDriver's selectors 0 and 1 and CollectionsDriver's four are answered in the dexts' own code, so
    /// their shapes come from probing (CollectionsDriver's 2 and 3 parse messages no probed shape makes:
    /// declared with mayReturn:, they keep selector.range from calling them out of range); RegistryDriver
    /// needs its spec's build: section, which the draft carries over; MazeDriver's entry checks nothing.
    /// The draft is written beside the hand-written spec (a hidden file removed afterwards), as a user's
    /// `spec init` writes it, so that the sections with paths relative to it are carried over.
    /// </remarks>
    [TestCase("dext/NullDriver")]
    [TestCase("dext/NullDriverHardened")]
    [TestCase("dext/tests/dexts/LeakyDriver")]
    [TestCase("dext/tests/dexts/KnownCloseDriver")]
    [TestCase("dext/tests/dexts/SharedMemoryDriver")]
    [TestCase("dext/tests/dexts/CollectionsDriver")]
    [TestCase("dext/tests/dexts/RegistryDriver")]
    [TestCase("dext/tests/dexts/MazeDriver")]
    [TestCase("dext/tests/dexts/UsbVendorDriver")]
    public void CheckGivesTheDraftTheHandWrittenSpecsVerdicts(string folder)
    {
        var dext = Path.Combine(RepositoryLayout.Root, folder);
        var draft = Path.Combine(dext, $".spec-init-test-{Guid.NewGuid():N}.yaml");
        try
        {
            var init = CliProcess.Run(TimeSpan.FromMinutes(6), "spec", "init", "--dext", dext, "--out", draft);
            Assert.That(init.ExitCode, Is.Zero, init.ToString());

            var hand = Check(dext, null, "hand.json");
            var drafted = Check(dext, draft, "draft.json");
            Assert.Multiple(() =>
            {
                Assert.That(Statuses(drafted), Is.EqualTo(Statuses(hand)), "rule rows");
                Assert.That(Findings(drafted), Is.EqualTo(Findings(hand)), "findings by signature");
            });
        }
        finally
        {
            File.Delete(draft);
        }
    }

    /// <summary>
    /// HiddenCrashDriver's Watch completes through an action it did not retain: observing the async protocol
    /// crashes the dext, so spec init reports the crash as a finding and leaves the protocol a TODO. The
    /// draft's check finds every bug the hand-written spec's finds (the completion through the freed action
    /// among them: a selector that requires a completion is exercised with waits whatever its role), and
    /// async.delivery, which no completion ever reached, is held by neither — the hand-written spec's row is
    /// not judged, the draft declares no protocol. Every other row agrees.
    /// </summary>
    [Test]
    public void ADextWhoseAsyncProtocolCrashesIsDraftedWithItsFindingsAndNoProtocolHeld()
    {
        var dext = Path.Combine(RepositoryLayout.Root, "dext/tests/dexts/HiddenCrashDriver");
        var draft = Path.Combine(dext, $".spec-init-test-{Guid.NewGuid():N}.yaml");
        try
        {
            var init = CliProcess.Run(TimeSpan.FromMinutes(6), "spec", "init", "--dext", dext, "--out", draft);
            Assert.That(init.ExitCode, Is.Zero, init.ToString());
            Assert.That(init.Stdout, Does.Contain("finding: memory.safety selector 1: ub-dynamic-type-mismatch@HiddenCrashUserClient::WatchFired"));
            Assert.That(init.Stdout, Does.Contain("(while observing the async protocol: "));

            var hand = Check(dext, null, "hand.json");
            var drafted = Check(dext, draft, "draft.json");
            static string[] Others(JsonDocument check) => [.. Statuses(check).Where(row => !row.StartsWith("async.delivery/", StringComparison.Ordinal))];
            Assert.Multiple(() =>
            {
                Assert.That(Findings(drafted), Is.EqualTo(Findings(hand)), "findings by signature");
                Assert.That(Others(drafted), Is.EqualTo(Others(hand)), "rule rows but async.delivery");
                Assert.That(Statuses(hand), Does.Contain("async.delivery/1: not-judged"), "every completion crashed the dext before it could be judged");
                Assert.That(Statuses(drafted).Where(row => row.StartsWith("async.delivery/", StringComparison.Ordinal)), Is.All.EndsWith(": not-applicable"));
            });
        }
        finally
        {
            File.Delete(draft);
        }
    }

    /// <summary>
    /// A USB dext without a spec, as a new user has it: the draft says it runs on its simulated device,
    /// which errors its device explains, which it answers for a size its entry lets through or while a
    /// call of its own is pending, and which reads complete themselves.
    /// </summary>
    [Test]
    public void AUsbDextsDraftExplainsItsRefusalsAndItsOwnCompletions()
    {
        var copy = Path.Combine(_scratch.Path, "UsbVendorDriver");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryLayout.Root, "dext/tests/dexts/UsbVendorDriver")).Where(f => !f.EndsWith(".yaml", StringComparison.Ordinal)))
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        var init = CliProcess.Run(TimeSpan.FromMinutes(6), "spec", "init", "--dext", copy);
        Assert.That(init.ExitCode, Is.Zero, init.ToString());
        var draft = File.ReadAllText(Path.Combine(copy, "spec.yaml"));
        Assert.Multiple(() =>
        {
            Assert.That(draft, Does.Contain("mayReturn: [kIOReturnTimeout]   # observed: kIOReturnTimeout when the device had sent no data"));
            Assert.That(draft, Does.Contain("mayReturn: [kIOReturnBadArgument]   # observed: kIOReturnBadArgument when structInput was 0"));
            Assert.That(draft.Split('\n').Count(line => line.Contains("mayReturn: [kIOReturnBusy]   # observed: kIOReturnBusy when a call of its own was pending", StringComparison.Ordinal)),
                Is.EqualTo(2), "both reads");
            Assert.That(draft.Split('\n').Count(line => line.TrimStart().StartsWith("async: own", StringComparison.Ordinal)), Is.EqualTo(2), "both reads");
            Assert.That(draft, Does.Contain("\ndevice: {}"));
            Assert.That(draft, Does.Not.Contain("# TODO its well-shaped call answered"), "every refusal is explained");
        });
    }

    JsonDocument Check(string dext, string? spec, string json)
    {
        var path = _scratch.File(json);
        string[] arguments = ["check", "--dext", dext, "--cases", "5", "--json", path, .. spec is null ? Array.Empty<string>() : ["--spec", spec]];
        var result = CliProcess.Run(TimeSpan.FromMinutes(6), arguments);
        Assert.That(result.ExitCode, Is.AnyOf(0, 1), result.ToString());
        return JsonDocument.Parse(File.ReadAllText(path));
    }

    static string[] Statuses(JsonDocument check) =>
        check.RootElement.GetProperty("rules").EnumerateArray()
            .SelectMany(rule => rule.GetProperty("selectors").EnumerateArray()
                .Select(row => $"{rule.GetProperty("id").GetString()}/{row.GetProperty("selector")}: {row.GetProperty("status").GetString()}"))
            .Order(StringComparer.Ordinal).ToArray();

    static string[] Findings(JsonDocument check) =>
        check.RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => !OutputKinds.Contains(f.GetProperty("kind").GetString()!))
            .Select(f => f.GetProperty("signature").GetString()!)
            .Distinct().Order(StringComparer.Ordinal).ToArray();
}

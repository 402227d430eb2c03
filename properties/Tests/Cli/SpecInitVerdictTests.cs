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
/// arguments inferred as the hand-written spec states them). Not here, each for a reason the draft says
/// in a TODO: UsbVendorDriver (its device's errors, mayReturn:, are not observed) and HiddenCrashDriver
/// (its async protocol crashes the dext while observed); HangDriver, CrashDriver, PciBarDriver,
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

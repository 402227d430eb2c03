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
/// arguments inferred as the hand-written spec states them).
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

    [TestCase("dext/NullDriverHardened")]
    [TestCase("dext/tests/dexts/LeakyDriver")]
    [TestCase("dext/tests/dexts/KnownCloseDriver")]
    [TestCase("dext/tests/dexts/SharedMemoryDriver")]
    public void CheckGivesTheDraftTheHandWrittenSpecsVerdicts(string folder)
    {
        var dext = Path.Combine(RepositoryLayout.Root, folder);
        var draft = _scratch.File("spec.yaml");
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

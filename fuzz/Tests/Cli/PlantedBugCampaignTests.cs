using System.Text.Json;
using ConformanceKit.Targets;
using ConformanceKit.Testing;

namespace ConformanceKit.Fuzz.Tests.Cli;

/// <summary>
/// A short campaign on each test dext of dext/tests/dexts/ that carries one planted bug finds that bug
/// and nothing else:
/// <list type="bullet">
/// <item>CollectionsDriver: its seeds and decoder build Decode's and Remember's inputs from their
/// structure input templates, so the leak of selector 1 is found and no dispatch.accept finding is
/// made of the messages it builds;</item>
/// <item>RegistryDriver, built from its CMake templates as `check` builds it: the leaked
/// CopyProperties copy of selector 6, the registry calls of the other selectors answering as its spec
/// says;</item>
/// <item>SharedMemoryDriver: the index selector 1 reads from memory the app writes (a `poke`) and uses
/// unchecked;</item>
/// <item>VirtualHIDDriver: a report longer than the keyboard's report descriptor allows, judged by
/// the fuzz target and by triage on the ASan build through the same rule, with the `# hid:` lines in
/// its reproducer.</item>
/// </list>
/// </summary>
[TestFixture]
[NonParallelizable]
public class PlantedBugCampaignTests
{
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(8);

    /// <param name="Rule">the rule every finding breaks</param>
    /// <param name="Reproduces">a line every finding's reproducer holds</param>
    /// <param name="Signature">when set, the one finding's whole signature</param>
    public sealed record PlantedBug(string Dext, string Rule, string Reproduces, string? Signature = null)
    {
        public override string ToString() => Dext;
    }

    public static readonly PlantedBug[] Bugs =
    [
        new("CollectionsDriver", "objects.balance", "call c0 1"),
        new("RegistryDriver", "objects.balance", "call c0 6"),
        new("SharedMemoryDriver", "memory.safety", "poke m0"),
        new("VirtualHIDDriver", "hid.reports", "# hid: at step", "hid.reports|4|report-too-long:input@VirtualHIDKeyboard"),
    ];

    [TestCaseSource(nameof(Bugs))]
    public void AShortCampaignFindsThePlantedBugAndNothingElse(PlantedBug bug)
    {
        var folder = Path.Combine(RepositoryLayout.Root, "out", "test", "fuzz-command", bug.Dext);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        var output = Path.Combine(folder, "campaign");
        var json = Path.Combine(folder, "campaign.json");
        var result = CliProcess.Run(Limit, "fuzz", "--dext", Path.Combine(RepositoryLayout.Root, "dext", "tests", "dexts", bug.Dext),
            "--time", "15s", "--out", output, "--json", json);
        TestContext.Out.WriteLine(result);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());

        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var findings = document.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => (Rule: f.GetProperty("rule").GetString()!, Signature: f.GetProperty("signature").GetString()!,
                Reproducer: f.GetProperty("reproducer").GetString()!)).ToArray();
        var shown = string.Join("\n", findings.Select(f => f.Signature + "\n" + f.Reproducer));
        Assert.That(findings.Select(f => f.Rule), Is.Not.Empty.And.All.EqualTo(bug.Rule), shown);
        Assert.That(findings.Select(f => f.Reproducer), Is.All.Contain(bug.Reproduces), shown);
        if (bug.Signature is not null) Assert.That(findings.Select(f => f.Signature), Is.EqualTo(new[] { bug.Signature }), shown);
    }
}

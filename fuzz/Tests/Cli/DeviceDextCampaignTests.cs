using System.Text.Json;
using ConformanceKit.Targets;
using ConformanceKit.Testing;

namespace ConformanceKit.Fuzz.Tests.Cli;

/// <summary>
/// A short campaign on each test dext that runs on a simulated device finds every one of its planted
/// bugs, those only device data or an unplug reach included, and nothing else: the device seeds
/// (all-ones data before and after each call, an interrupt, an unplug with the call in flight) and the
/// decoder's device steps reach them, and triage keeps the device steps in the reproducers.
/// </summary>
[TestFixture]
[NonParallelizable]
public class DeviceDextCampaignTests
{
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(8);

    /// <param name="Rule">the finding's rule</param>
    /// <param name="Selector">its selector (null: dext-wide)</param>
    /// <param name="Kind">a part of its kind</param>
    /// <param name="Reproduces">a line its reproducer holds (the device step that reaches it), or null</param>
    public sealed record Planted(string Rule, uint? Selector, string Kind, string? Reproduces);

    /// <param name="Also">findings a planted bug may also show as, by another route (not required)</param>
    public sealed record DeviceDext(string Name, Planted[] Bugs, Planted[]? Also = null)
    {
        public override string ToString() => Name;
    }

    public static readonly DeviceDext[] Dexts =
    [
        new("UsbVendorDriver",
        [
            new("memory.safety", 1, "UsbVendorUserClient::BulkWrite", null),
            new("memory.safety", 0, "UsbVendorUserClient::VendorRead", "device-data in="),
            new("memory.safety", null, "Stop", "unplug"),
            new("device.io-after-stop", null, "IOUSBHostPipe::AsyncIO", "unplug"),
        ],
        // The double release once more: another client's close aborts this client's interrupt read
        // (the pipe is shared), its completion gives the buffer back, and the next read uses it.
        [new("memory.safety", 4, "UsbVendorUserClient::AsyncInterruptRead", null)]),
        new("PciBarDriver",
        [
            new("memory.safety", 1, "PciBarUserClient::WriteRegister", null),
            new("memory.safety", 5, "PciBarUserClient::ReadEvent", "device-data in="),
            new("device.dma-balance", null, "IODMACommand", "# StartDMA"),
        ]),
    ];

    [TestCaseSource(nameof(Dexts))]
    public void AShortCampaignFindsEveryPlantedBugAndNothingElse(DeviceDext dext)
    {
        var folder = Path.Combine(RepositoryLayout.Root, "out", "test", "fuzz-command", dext.Name);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        var json = Path.Combine(folder, "campaign.json");
        var result = CliProcess.Run(Limit, "fuzz", "--dext", Path.Combine(RepositoryLayout.Root, "dext", "tests", "dexts", dext.Name),
            "--time", "20s", "--out", Path.Combine(folder, "campaign"), "--json", json);
        TestContext.Out.WriteLine(result);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());

        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var findings = document.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => (Rule: f.GetProperty("rule").GetString()!, Selector: Selector(f), Kind: f.GetProperty("kind").GetString()!,
                Reproducer: f.GetProperty("reproducer").GetString()!))
            .ToArray();
        var shown = string.Join("\n", findings.Select(f => $"{f.Rule} {f.Selector} {f.Kind}\n{f.Reproducer}"));
        bool Matches((string Rule, uint? Selector, string Kind, string Reproducer) f, Planted bug) =>
            f.Rule == bug.Rule && f.Selector == bug.Selector && f.Kind.Contains(bug.Kind, StringComparison.Ordinal);
        Assert.Multiple(() =>
        {
            foreach (var bug in dext.Bugs)
            {
                var found = findings.Where(f => Matches(f, bug)).ToArray();
                Assert.That(found, Is.Not.Empty, $"{bug} is found: {shown}");
                if (bug.Reproduces is { } step) Assert.That(found.Select(f => f.Reproducer), Is.All.Contain(step), $"{bug}: {shown}");
            }
            Assert.That(findings.Where(f => !dext.Bugs.Concat(dext.Also ?? []).Any(bug => Matches(f, bug))), Is.Empty, "nothing else: " + shown);
        });
    }

    static uint? Selector(JsonElement finding) =>
        finding.GetProperty("selector").ValueKind == JsonValueKind.Number ? finding.GetProperty("selector").GetUInt32() : null;
}

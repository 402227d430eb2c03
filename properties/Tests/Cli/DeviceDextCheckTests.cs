using System.Text.Json;
using ConformanceKit.Properties.Tests.Support;
using ConformanceKit.Targets;
using ConformanceKit.Testing;

namespace ConformanceKit.Properties.Tests.Cli;

/// <summary>
/// `check` on the test dexts that run on a simulated device finds each planted bug, and nothing else:
/// UsbVendorDriver (USBDriverKit) — BulkWrite's overflow the app reaches, VendorRead's overflow only a
/// device's record count reaches, the double release an unplug during an interrupt read reaches, the
/// bulk read retried after the unplug (device.io-after-stop); PciBarDriver (PCIDriverKit) —
/// WriteRegister's shadow overflow the app reaches, ReadEvent's slot only a device register reaches,
/// the DMA a close leaves prepared (device.dma-balance). Each reproducer shows the device steps that
/// reach it. Without a device: section nothing drives the device, and the device rules do not apply.
/// </summary>
[TestFixture]
[NonParallelizable]
public class DeviceDextCheckTests
{
    static string Dext(string name) => Path.Combine(RepositoryLayout.Root, "dext", "tests", "dexts", name);

    ScratchFolder _scratch = null!;

    [SetUp]
    public void CreateScratch() => _scratch = new ScratchFolder("ck-device-");

    [TearDown]
    public void RemoveScratch() => _scratch.Dispose();

    sealed record Found(string Rule, uint? Selector, string Kind, string Reproducer)
    {
        public override string ToString() => $"{Rule} {Selector} {Kind}\n{Reproducer}";
    }

    Found[] Check(string dext, params string[] extra)
    {
        var json = _scratch.File("check.json");
        var result = CliProcess.Run(TimeSpan.FromMinutes(8), ["check", "--dext", Dext(dext), "--json", json, "--cases", "10", .. extra]);
        TestContext.Out.WriteLine(result);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        return document.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => new Found(f.GetProperty("rule").GetString()!,
                f.GetProperty("selector").ValueKind == JsonValueKind.Number ? f.GetProperty("selector").GetUInt32() : null,
                f.GetProperty("kind").GetString()!, f.GetProperty("reproducer").GetString()!))
            .ToArray();
    }

    [Test]
    public void UsbVendorDriversFourPlantedBugsAreFoundAndNothingElse()
    {
        var findings = Check("UsbVendorDriver");
        var shown = string.Join("\n", findings.Select(f => f.ToString()));
        Assert.Multiple(() =>
        {
            var bulkWrite = findings.Where(f => f.Rule == "memory.safety" && f.Selector == 1).ToArray();
            Assert.That(bulkWrite, Is.Not.Empty, "BulkWrite's overflow: " + shown);
            Assert.That(bulkWrite.All(f => f.Kind.Contains("UsbVendorUserClient::BulkWrite", StringComparison.Ordinal) && !f.Reproducer.Contains("device-data", StringComparison.Ordinal)),
                "the app alone reaches it: " + shown);
            var vendorRead = findings.Where(f => f.Rule == "memory.safety" && f.Selector == 0).ToArray();
            Assert.That(vendorRead, Is.Not.Empty, "VendorRead's overflow: " + shown);
            Assert.That(vendorRead.All(f => f.Kind.Contains("UsbVendorUserClient::VendorRead", StringComparison.Ordinal) && f.Reproducer.Contains("device-data in=", StringComparison.Ordinal)),
                "only device data reaches it: " + shown);
            Assert.That(findings.Any(f => f.Rule == "memory.safety" && f.Selector is null && f.Kind.Contains("Stop", StringComparison.Ordinal) && f.Reproducer.Contains("unplug", StringComparison.Ordinal)),
                "the interrupt read's buffer released twice when the device goes away: " + shown);
            Assert.That(findings.Any(f => f.Rule == "device.io-after-stop" && f.Kind.StartsWith("IOUSBHostPipe::AsyncIO", StringComparison.Ordinal) && f.Reproducer.Contains("unplug", StringComparison.Ordinal)),
                "the bulk read retried on a device that is gone: " + shown);
            Assert.That(findings.Select(f => f.Rule).Distinct(), Is.SubsetOf(new[] { "memory.safety", "device.io-after-stop" }), shown);
            // Selector 4: the double release reached by another client's close, which aborts this client's read.
            Assert.That(findings.Where(f => f.Rule == "memory.safety").Select(f => f.Selector).Distinct(), Is.SubsetOf(new uint?[] { 0, 1, 4, null }), shown);
        });
    }

    [Test]
    public void PciBarDriversThreePlantedBugsAreFoundAndNothingElse()
    {
        var findings = Check("PciBarDriver");
        var shown = string.Join("\n", findings.Select(f => f.ToString()));
        Assert.Multiple(() =>
        {
            var write = findings.Where(f => f.Selector == 1).ToArray();
            Assert.That(write, Is.Not.Empty, "WriteRegister's overflow: " + shown);
            Assert.That(write.All(f => f.Kind.Contains("PciBarUserClient::WriteRegister", StringComparison.Ordinal) && !f.Reproducer.Contains("device-data", StringComparison.Ordinal)),
                "the app alone reaches it: " + shown);
            var readEvent = findings.Where(f => f.Selector == 5).ToArray();
            Assert.That(readEvent, Is.Not.Empty, "ReadEvent's slot: " + shown);
            Assert.That(readEvent.All(f => f.Kind.Contains("PciBarUserClient::ReadEvent", StringComparison.Ordinal) && f.Reproducer.Contains("device-data in=", StringComparison.Ordinal)),
                "only device data reaches it: " + shown);
            Assert.That(findings.Where(f => f.Rule == "device.dma-balance").Select(f => f.Reproducer), Has.Exactly(1).Contains("# StartDMA"),
                "the DMA a close leaves prepared: " + shown);
            Assert.That(findings.Where(f => f.Rule != "device.dma-balance").Select(f => (f.Rule, f.Selector)).Distinct(),
                Is.SubsetOf(new (string, uint?)[] { ("memory.safety", 1), ("memory.safety", 5) }), shown);
        });
    }

    /// <summary>Without device: the dext still runs on the personality's device, but no step drives it and the device rules do not apply.</summary>
    [Test]
    public void WithoutADeviceSectionTheDeviceRulesDoNotApply()
    {
        var spec = _scratch.File("spec.yaml");
        var text = File.ReadAllText(Path.Combine(Dext("PciBarDriver"), "spec.yaml"));
        File.WriteAllText(spec, text[..text.IndexOf("\ndevice:", StringComparison.Ordinal)] + "\n");
        var findings = Check("PciBarDriver", "--spec", spec, "--rule", "memory.safety", "--rule", "device.dma-balance");
        var shown = string.Join("\n", findings.Select(f => f.ToString()));
        Assert.That(findings.Select(f => f.Selector), Is.All.EqualTo(1u), "only the bug the app reaches: " + shown);
        Assert.That(findings.Select(f => f.Reproducer), Has.None.Contains("device-data"));
    }
}

using System.Text.Json;
using ConformanceKit.Properties.Tests.Support;
using ConformanceKit.Targets;
using ConformanceKit.Testing;

namespace ConformanceKit.Properties.Tests.Cli;

/// <summary>
/// dext/tests/dexts/VirtualHIDDriver, a virtual keyboard its user client creates, through `check` on
/// both simulator transports: its one planted bug — PressKeys posts a report longer than the
/// keyboard's own report descriptor allows when given more than six keys — is the one finding, under
/// hid.reports, cut down to one call, with the keyboard's descriptor and the report in the
/// reproducer; everything else holds.
/// </summary>
[TestFixture]
[NonParallelizable]
public class VirtualHidCheckTests
{
    static string Dext => Path.Combine(RepositoryLayout.Root, "dext", "tests", "dexts", "VirtualHIDDriver");

    ScratchFolder _scratch = null!;

    [SetUp]
    public void CreateScratch() => _scratch = new ScratchFolder("ck-hid-");

    [TearDown]
    public void RemoveScratch() => _scratch.Dispose();

    [TestCase("socket")]
    [TestCase("inproc")]
    public void CheckFindsThePlantedReportLongerThanItsDescriptor(string transport)
    {
        var json = _scratch.File("check.json");
        var result = CliProcess.Run(TimeSpan.FromMinutes(6), "check", "--dext", Dext, "--transport", transport, "--cases", "10", "--json", json);
        TestContext.Out.WriteLine(result);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var finding = document.RootElement.GetProperty("findings").EnumerateArray().Single();
        var reproducer = finding.GetProperty("reproducer").GetString()!;
        Assert.Multiple(() =>
        {
            Assert.That(finding.GetProperty("signature").GetString(), Is.EqualTo("hid.reports|4|report-too-long:input@VirtualHIDKeyboard"));
            Assert.That(reproducer, Does.EndWith("open c0\ncall c0 4 scalars=0,0,0,0,0,0,0  # PressKeys\n"), "seven keys, the fewest that overflow");
            Assert.That(reproducer, Does.Contain("# hid: at step 2: VirtualHIDKeyboard#1's report descriptor, 63 bytes: 05010906a101"));
            Assert.That(reproducer, Does.Contain("# hid: at step 2: VirtualHIDKeyboard#1 posted an input report, reportLength 9"));
            var hid = document.RootElement.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "hid.reports");
            Assert.That(hid.GetProperty("status").GetString(), Is.EqualTo("failed"));
        });
    }

    /// <summary>Without a hid: section the rule does not apply: nothing is collected, nothing judged, nothing found.</summary>
    [Test]
    public void WithoutAHidSectionTheRuleDoesNotApply()
    {
        var spec = _scratch.File("spec.yaml");
        var text = File.ReadAllText(Path.Combine(Dext, "spec.yaml"));
        File.WriteAllText(spec, text[..text.IndexOf("\nhid:", StringComparison.Ordinal)] + "\n");
        var json = _scratch.File("check.json");
        var result = CliProcess.Run(TimeSpan.FromMinutes(6), "check", "--dext", Dext, "--spec", spec, "--transport", "inproc", "--cases", "5", "--json", json);
        TestContext.Out.WriteLine(result);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Stdout, Does.Contain("the spec has no hid: section"));
    }
}

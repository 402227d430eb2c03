using System.Text.Json;
using ConformanceKit.Properties.Tests.Support;
using ConformanceKit.Targets;
using ConformanceKit.Testing;

namespace ConformanceKit.Properties.Tests.Cli;

/// <summary>
/// `check` on CollectionsDriver, whose Decode selector takes a libkern serialization and refuses random
/// bytes: with the structure input templates of its spec, the planted leak of selector 1 is the only
/// finding; with the same spec saying only `structInput: variable`, dispatch.accept reports the false
/// findings the templates exist to prevent.
/// </summary>
[TestFixture]
[NonParallelizable]
public class CollectionsDriverCheckTests
{
    static readonly string Dext = Path.Combine(RepositoryLayout.Root, "dext", "tests", "dexts", "CollectionsDriver");

    ScratchFolder _scratch = null!;

    [SetUp]
    public void CreateScratch() => _scratch = new ScratchFolder("ck-collections-");

    [TearDown]
    public void RemoveScratch() => _scratch.Dispose();

    static (string Rule, string Kind, string Reproducer)[] Findings(JsonDocument check) =>
        check.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => (f.GetProperty("rule").GetString()!, f.GetProperty("kind").GetString()!, f.GetProperty("reproducer").GetString()!))
            .ToArray();

    static string Status(JsonDocument check, string rule, uint selector) =>
        check.RootElement.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == rule)
            .GetProperty("selectors").EnumerateArray().Single(s => s.GetProperty("selector").ValueKind == JsonValueKind.Number && s.GetProperty("selector").GetUInt32() == selector)
            .GetProperty("status").GetString()!;

    [Test]
    public void FindsThePlantedLeakAndNothingElse()
    {
        var json = _scratch.File("check.json");
        var result = CliProcess.Run(TimeSpan.FromMinutes(6), "check", "--dext", Dext, "--json", json, "--cases", "20");
        TestContext.Out.WriteLine(result);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var findings = Findings(document);
        Assert.That(findings, Has.Length.EqualTo(1), "the leak only: " + string.Join("; ", findings.Select(f => $"{f.Rule}:{f.Kind}")));
        Assert.Multiple(() =>
        {
            Assert.That(findings[0].Rule, Is.EqualTo("objects.balance"));
            Assert.That(findings[0].Kind, Does.Contain("OSDictionary"));
            Assert.That(findings[0].Reproducer, Does.Contain("call c0 1"), "selector 1 leaks");
            Assert.That(Status(document, "dispatch.accept", 2), Is.EqualTo("held"), "Decode accepts every well-formed message");
            Assert.That(Status(document, "dispatch.accept", 3), Is.EqualTo("held"), "Remember accepts every key");
            Assert.That(Status(document, "memory.safety", 2), Is.EqualTo("held"));
        });
    }

    [Test]
    public void WithoutTheTemplatesDecodeGetsFalseFindings()
    {
        var spec = _scratch.File("spec.yaml");
        var lines = File.ReadAllLines(Path.Combine(Dext, "spec.yaml"));
        var edited = new List<string>();
        var inTemplate = false;
        foreach (var line in lines)
        {
            if (line.Trim() == "structInput:") { edited.Add(line.Replace("structInput:", "structInput: variable", StringComparison.Ordinal)); inTemplate = true; continue; }
            if (inTemplate && line.StartsWith("      ", StringComparison.Ordinal)) continue;
            inTemplate = false;
            edited.Add(line.Replace("in.field.value", "in.u64[4]", StringComparison.Ordinal)); // no template, no fields to name
        }
        File.WriteAllLines(spec, edited);
        var json = _scratch.File("check.json");
        var result = CliProcess.Run(TimeSpan.FromMinutes(6), "check", "--dext", Dext, "--spec", spec, "--json", json, "--cases", "10", "--rule", "dispatch.accept");
        TestContext.Out.WriteLine(result);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        Assert.That(Status(document, "dispatch.accept", 2), Is.EqualTo("failed"), "random bytes are no serialization: the false finding the template prevents");
    }
}

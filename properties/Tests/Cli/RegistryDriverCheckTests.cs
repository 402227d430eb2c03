using System.Text.Json;
using ConformanceKit.Properties.Tests.Support;
using ConformanceKit.Targets;
using ConformanceKit.Testing;

namespace ConformanceKit.Properties.Tests.Cli;

/// <summary>
/// A dext laid out as a CMake project (dext/tests/dexts/RegistryDriver: Info.plist.in and
/// RegistryVersion.h.in, their @REGISTRY_*@ set under build: in its spec) that asks the runtime about
/// its registry entry. `check` configures both templates from the spec; every rule holds but the
/// planted leak of a CopyProperties copy — the spec's results are the personality's value read back
/// through SearchProperty, the configured header's number, the default SetProperties failure and a
/// child created and terminated — and the service is matched by the name its Start gives it with
/// SetName. An unknown @NAME@ stops the build with one line naming the template's line.
/// </summary>
[TestFixture]
[NonParallelizable]
public class RegistryDriverCheckTests
{
    static string Dext => Path.Combine(RepositoryLayout.Root, "dext", "tests", "dexts", "RegistryDriver");

    [Test]
    public void CheckConfiguresTheTemplatesAndFindsThePlantedLeakOnly()
    {
        using var scratch = new ScratchFolder("ck-registry-check-");
        var json = scratch.File("check.json");
        var result = CliProcess.Run(TimeSpan.FromMinutes(6), "check", "--dext", Dext, "--json", json, "--cases", "20");
        TestContext.Out.WriteLine(result);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var findings = document.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => (Rule: f.GetProperty("rule").GetString()!, Kind: f.GetProperty("kind").GetString()!, Reproducer: f.GetProperty("reproducer").GetString()!))
            .ToArray();
        Assert.That(findings, Has.Length.EqualTo(1), "the leak only: " + string.Join("; ", findings.Select(f => $"{f.Rule}:{f.Kind}")));
        Assert.Multiple(() =>
        {
            Assert.That(findings[0].Rule, Is.EqualTo("objects.balance"));
            Assert.That(findings[0].Kind, Does.Contain("OSDictionary"));
            Assert.That(findings[0].Reproducer, Does.Contain("call c0 6"), "selector 6 leaks");
        });
    }

    [Test]
    public void AnUnknownTemplateVariableIsOneLine()
    {
        using var scratch = new ScratchFolder("ck-registry-");
        var copy = Path.Combine(scratch.Path, "RegistryDriver");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.EnumerateFiles(Dext)) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        var spec = Path.Combine(copy, "spec.yaml");
        File.WriteAllText(spec, File.ReadAllText(spec).Replace("  REGISTRY_VERSION: \"4.5.6\"\n", "", StringComparison.Ordinal));
        var template = Path.Combine(copy, "Info.plist.in");
        var line = Array.FindIndex(File.ReadAllLines(template), l => l.Contains("@REGISTRY_VERSION@", StringComparison.Ordinal)) + 1;

        var result = CliProcess.Run("check", "--dext", copy, "--transport", "inproc");
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(result.Stderr, Does.StartWith($"conformancekit: error: {template}:{line}: unknown template variable @REGISTRY_VERSION@: set it under build: in spec.yaml"));
    }
}

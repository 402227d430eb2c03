using System.Text.Json;
using ConformanceKit.Properties.Tests.Support;
using ConformanceKit.Targets;
using ConformanceKit.Testing;

namespace ConformanceKit.Properties.Tests.Cli;

/// <summary>
/// `spec init` and `spec diff` end to end: a draft never replaces a file unless --force; a copy of the
/// hardened dext whose dispatch entry was changed by one size is reported at exactly that selector and
/// field, by `spec diff` and by `check`'s rule spec.dispatch; and an unchanged dext agrees with its spec.
/// </summary>
[TestFixture]
[NonParallelizable]
public class SpecCommandTests
{
    static readonly string Hardened = Path.Combine(RepositoryLayout.Root, "dext", "NullDriverHardened");

    ScratchFolder _scratch = null!;

    [SetUp]
    public void CreateScratch() => _scratch = new ScratchFolder("ck-spec-");

    [TearDown]
    public void RemoveScratch() => _scratch.Dispose();

    [Test]
    public void InitKeepsAnExistingFileUnlessForced()
    {
        var output = _scratch.File("spec.yaml");
        File.WriteAllText(output, "mine\n");
        var refused = CliProcess.Run("spec", "init", "--dext", Hardened, "--out", output);
        Assert.Multiple(() =>
        {
            Assert.That(refused.ExitCode, Is.EqualTo(2), refused.ToString());
            Assert.That(refused.Stderr.Trim(), Is.EqualTo($"conformancekit: error: --out {output} exists; pass --force to replace it"));
            Assert.That(File.ReadAllText(output), Is.EqualTo("mine\n"));
        });
        var forced = CliProcess.Run("spec", "init", "--dext", Hardened, "--out", output, "--force");
        Assert.That(forced.ExitCode, Is.EqualTo(0), forced.ToString());
        Assert.That(File.ReadAllText(output), Does.StartWith("# Draft spec of NullDriverHardened").And.Contain("access: entitled"));
        Assert.That(Directory.GetFiles(_scratch.Path), Is.EqualTo(new[] { output }), "no temporary file is left");
    }

    [Test]
    public void TheHandWrittenSpecAgreesWithItsDext()
    {
        var result = CliProcess.Run("spec", "diff", "--dext", Hardened);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Stdout, Does.Contain("the spec agrees with what NullDriverHardened does"));
    }

    [Test]
    public void OneSizeChangedInADispatchEntryIsExactlyThatSelectorAndField()
    {
        var copy = Path.Combine(_scratch.Path, "NullDriverHardened");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(Hardened)) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        var source = Path.Combine(copy, "NullDriverHardenedUserClient.cpp");
        // CheckedScalar's entry: out of the async protocol, so that the one change shows once.
        const string entry = """
                [ExternalMethodType_CheckedScalar] =
                {
                    .function = (IOUserClientMethodFunction) &NullDriverHardenedUserClient::StaticHandleScalar,
                    .checkCompletionExists = false,
                    .checkScalarInputCount = kScalarCount,
            """;
        var text = File.ReadAllText(source);
        Assert.That(text, Does.Contain(entry), "CheckedScalar's entry as the test expects it");
        File.WriteAllText(source, text.Replace(entry, entry.Replace("= kScalarCount,", "= kScalarCount - 1,", StringComparison.Ordinal), StringComparison.Ordinal));

        var diff = CliProcess.Run(TimeSpan.FromMinutes(6), "spec", "diff", "--dext", copy, "--transport", "inproc");
        Assert.That(diff.ExitCode, Is.EqualTo(1), diff.ToString());
        var spec = Path.Combine(copy, "spec.yaml");
        Assert.That(diff.Stdout.Trim(), Is.EqualTo($"{spec}: selector 2 scalarInput: spec 16 (checked), dext 15 in its dispatch entry"));

        var json = _scratch.File("check.json");
        var check = CliProcess.Run(TimeSpan.FromMinutes(6), "check", "--dext", copy, "--transport", "inproc", "--cases", "5", "--json", json, "--rule", "spec.dispatch");
        Assert.That(check.ExitCode, Is.EqualTo(1), check.ToString());
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var findings = document.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => $"{f.GetProperty("rule").GetString()} {f.GetProperty("selector")} {f.GetProperty("kind").GetString()}").ToArray();
        Assert.That(findings, Is.EqualTo(new[] { "spec.dispatch 2 scalarInput" }));
    }
}

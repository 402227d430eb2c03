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

    /// <summary>
    /// NullDriver's Struct selector has no dispatch entry and no size checks: probing finds the 16 bytes it
    /// needs in and out, and the two ways its unchecked sizes crash it are findings, named on the console
    /// and as comments in the draft.
    /// </summary>
    [Test]
    public void ProbingFindsTheUncheckedSelectorsShapeAndReportsItsCrashes()
    {
        var output = _scratch.File("spec.yaml");
        var init = CliProcess.Run(TimeSpan.FromMinutes(6), "spec", "init", "--dext", Path.Combine(RepositoryLayout.Root, "dext", "NullDriver"), "--out", output);
        Assert.That(init.ExitCode, Is.Zero, init.ToString());
        Assert.That(init.Stdout, Does.Contain("finding: memory.safety selector 1: heap-buffer-overflow-read@NullDriver::HandleExternalStruct"));
        Assert.That(init.Stdout, Does.Contain("finding: memory.safety selector 1: heap-buffer-overflow-write@NullDriver::HandleExternalStruct"));
        var spec = ConformanceKit.Spec.SpecLoader.LoadFile(output);
        var structSelector = spec.Find(1)!;
        Assert.Multiple(() =>
        {
            Assert.That(structSelector.Checked, Is.False);
            Assert.That(structSelector.Shape.StructInput.ToString(), Is.EqualTo("16"));
            Assert.That(structSelector.Shape.StructOutput.ToString(), Is.EqualTo("16"));
            Assert.That(spec.Find(0)!.Shape.ScalarInput.IsVariable, "Scalar takes any count");
            Assert.That(File.ReadAllText(output), Does.Contain("# probing crashed the dext (heap-buffer-overflow-write@"));
        });
    }

    /// <summary>
    /// HangDriver's Wait has an entry that lets the empty call through, and the empty call hangs: the entry is
    /// still drafted (a call of another shape is refused by it and shows it), and the hang is a finding.
    /// </summary>
    [Test]
    public void AnEntryWhoseEmptyCallHangsIsStillDrafted()
    {
        var output = _scratch.File("spec.yaml");
        var init = CliProcess.Run(TimeSpan.FromMinutes(6), "spec", "init", "--dext", Path.Combine(RepositoryLayout.Root, "dext", "tests", "dexts", "HangDriver"), "--out", output);
        Assert.That(init.ExitCode, Is.Zero, init.ToString());
        Assert.That(init.Stdout, Does.Contain("finding: memory.safety selector 1:"));
        var wait = ConformanceKit.Spec.SpecLoader.LoadFile(output).Find(1)!;
        Assert.That(wait.Checked, "drafted from its dispatch entry");
        Assert.That(wait.Shape.ScalarInput.ToString(), Is.EqualTo("0"));
    }
}

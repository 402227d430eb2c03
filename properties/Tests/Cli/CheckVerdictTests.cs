using System.Text.Json;
using ConformanceKit.Properties.Tests.Support;
using ConformanceKit.Targets;
using ConformanceKit.Testing;

namespace ConformanceKit.Properties.Tests.Cli;

/// <summary>
/// `check` says green only with evidence, and every finding is reported where it belongs: rules
/// whose programs never reached the dext are "not judged" (exit 2), a rule the transport cannot judge
/// is shown as such without failing the run, a crash in any rule's programs is a memory.safety
/// finding, a known entry covers its kinds only, and a refusal or a build failure says why.
/// </summary>
[TestFixture]
[NonParallelizable]
public class CheckVerdictTests
{
    static string Dext(string name) => Path.Combine(RepositoryLayout.Root, "dext", name);

    static string TestDext(string name) => Path.Combine(RepositoryLayout.Root, "dext", "tests", "dexts", name);

    ScratchFolder _scratch = null!;

    [SetUp]
    public void CreateScratch() => _scratch = new ScratchFolder("ck-verdict-");

    [TearDown]
    public void RemoveScratch() => _scratch.Dispose();

    string SpecCopy(string dext, Func<string, string> edit)
    {
        var path = _scratch.File("spec.yaml");
        File.WriteAllText(path, edit(File.ReadAllText(Path.Combine(dext, "spec.yaml"))));
        return path;
    }

    static JsonElement[] Rows(JsonDocument check, string rule) =>
        check.RootElement.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == rule)
            .GetProperty("selectors").EnumerateArray().ToArray();

    [Test]
    public void RulesWhoseProgramsNeverReachTheDextAreNotJudgedAndNeverGreen()
    {
        var spec = SpecCopy(Dext("NullDriverHardened"), text => text.Replace("service: NullDriverHardened", "service: NoSuchService", StringComparison.Ordinal));
        var json = _scratch.File("check.json");
        var result = CliProcess.Run("check", "--dext", Dext("NullDriverHardened"), "--spec", spec, "--json", json, "--cases", "5");
        TestContext.Out.WriteLine(result);
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stdout, Does.Not.Contain("Every rule holds"));
        Assert.That(result.Stdout, Does.Contain("NOT JUDGED"));
        Assert.That(result.Stderr, Does.StartWith("conformancekit: error:").And.Contain("could not be judged")
            .And.Contain("no registered service is named NoSuchService"));
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        Assert.That(document.RootElement.GetProperty("allHeld").GetBoolean(), Is.False);
        Assert.That(Rows(document, "dispatch.accept").Select(r => r.GetProperty("status").GetString()), Is.All.EqualTo("not-judged"));
        Assert.That(Rows(document, "dispatch.accept").Select(r => r.GetProperty("reached").GetInt32()), Is.All.Zero);
    }

    [Test]
    public void InProcessMemorySafetyIsNotJudgedByDesignAndDoesNotFailTheRun()
    {
        var json = _scratch.File("check.json");
        var result = CliProcess.Run("check", "--dext", Dext("NullDriverHardened"), "--transport", "inproc", "--json", json, "--cases", "10");
        TestContext.Out.WriteLine(result);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Stdout, Does.Contain("not judged").And.Contain("no sanitizer in-process; use --transport socket"));
        Assert.That(result.Stdout, Does.Contain("8 of 9 rules judged"), "spec.dispatch is judged in-process too");
        var differences = JsonShape.Differences(JsonShape.Approved("check.json"), File.ReadAllText(json), values: false);
        Assert.That(differences, Is.Empty, JsonShape.Report(JsonShape.Approved("check.json"), differences));
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var memory = Rows(document, "memory.safety");
        Assert.That(memory.Select(r => r.GetProperty("status").GetString()), Is.All.EqualTo("not-judged"));
        Assert.That(memory.Select(r => r.GetProperty("byDesign").GetBoolean()), Is.All.True);
        Assert.That(document.RootElement.GetProperty("judgedRules").GetInt32(), Is.EqualTo(8));
    }

    /// <summary>
    /// HiddenCrashDriver's three bugs are reached only by programs of other rules or by steps
    /// without a selector: a selector past the table (selector.range's sweep), a close after a
    /// well-shaped Store, and a wait after Watch (async protocol). Each is a memory.safety finding —
    /// on selector 2, and on no selector for the close and the wait.
    /// </summary>
    [Test]
    public void EveryCrashIsAMemorySafetyFindingWhereverItHappens()
    {
        var json = _scratch.File("check.json");
        var result = CliProcess.Run(TimeSpan.FromMinutes(6), "check", "--dext", TestDext("HiddenCrashDriver"), "--json", json, "--cases", "10");
        TestContext.Out.WriteLine(result);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Stdout, Does.Not.Contain("Every rule holds"));
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var findings = document.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => (Rule: f.GetProperty("rule").GetString()!, Selector: f.GetProperty("selector").ValueKind == JsonValueKind.Null ? (uint?)null : f.GetProperty("selector").GetUInt32(),
                Kind: f.GetProperty("kind").GetString()!, Reproducer: f.GetProperty("reproducer").GetString()!))
            .ToArray();
        Assert.That(findings.Select(f => f.Rule), Is.All.EqualTo("memory.safety"), "nothing but the three memory bugs");
        Assert.That(findings, Has.Length.EqualTo(3));
        Assert.Multiple(() =>
        {
            Assert.That(findings.Any(f => f.Selector == 2 && f.Kind.StartsWith("global-buffer-overflow-read@HiddenCrashUserClient::ExternalMethod", StringComparison.Ordinal)),
                "the selector past the table");
            Assert.That(findings.Any(f => f.Selector is null && f.Kind.StartsWith("double-free@HiddenCrashUserClient::free", StringComparison.Ordinal)),
                "the double free when the connection closes");
            Assert.That(findings.Any(f => f.Selector is null && f.Kind.Contains("HiddenCrashUserClient::WatchFired", StringComparison.Ordinal) && f.Reproducer.Contains("\nwait ", StringComparison.Ordinal)),
                "the completion through a freed action, during a wait");
        });
    }

    /// <summary>
    /// TeardownDriver's bug is in its service's Stop, which runs only when the system stops it: a
    /// write to the note a program's Arm freed. It is one memory.safety finding on no selector, whose
    /// reproducer arms the note — the program that caused it, not the one after it.
    /// </summary>
    [Test]
    public void ACrashWhenTheDextIsStoppedIsTheFindingOfTheProgramThatCausedIt()
    {
        var json = _scratch.File("check.json");
        var result = CliProcess.Run(TimeSpan.FromMinutes(4), "check", "--dext", TestDext("TeardownDriver"), "--json", json, "--cases", "10");
        TestContext.Out.WriteLine(result);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var finding = document.RootElement.GetProperty("findings").EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(finding.GetProperty("rule").GetString(), Is.EqualTo("memory.safety"));
            Assert.That(finding.GetProperty("selector").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(finding.GetProperty("kind").GetString(), Does.StartWith("heap-use-after-free-write@TeardownDriver::Stop"));
            Assert.That(finding.GetProperty("reproducer").GetString(), Does.Contain("# Arm\n"), "the reproducer arms the note");
        });
    }

    /// <summary>
    /// HangDriver's Wait never returns. The hang is one memory.safety finding on selector 1, cut down
    /// to the one call; later programs that call Wait are not run (each would cost a per-call
    /// timeout and a host restart), so rules about Wait read "not judged", never "held"; Echo is
    /// judged as usual.
    /// </summary>
    [Test]
    public void AHangIsFoundOnceAndWhatWouldHangAgainIsNotRunNorHeld()
    {
        var json = _scratch.File("check.json");
        var result = CliProcess.Run(TimeSpan.FromMinutes(4), "check", "--dext", TestDext("HangDriver"), "--json", json, "--cases", "20", "--call-timeout-ms", "2000");
        TestContext.Out.WriteLine(result);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var finding = document.RootElement.GetProperty("findings").EnumerateArray().Single();
        Assert.That(finding.GetProperty("signature").GetString(), Is.EqualTo("memory.safety|1|hang"));
        Assert.That(finding.GetProperty("reproducer").GetString(), Does.EndWith("open c0\ncall c0 1  # Wait\n"));
        var accept = Rows(document, "dispatch.accept");
        Assert.That(accept.Single(r => r.GetProperty("selector").GetUInt32() == 0).GetProperty("status").GetString(), Is.EqualTo("held"));
        var wait = accept.Single(r => r.GetProperty("selector").GetUInt32() == 1);
        Assert.That(wait.GetProperty("status").GetString(), Is.EqualTo("not-judged"));
        Assert.That(wait.GetProperty("note").GetString(), Does.Contain("selector 1 hangs"));
        // Every program that called Wait after the first hang was skipped: at most the one that hung
        // per property ran, so the hang cost one timeout, not one per generated program.
        var ranWithWait = document.RootElement.GetProperty("rules").EnumerateArray()
            .SelectMany(r => r.GetProperty("selectors").EnumerateArray())
            .Where(r => r.GetProperty("selector").ValueKind == JsonValueKind.Number && r.GetProperty("selector").GetUInt32() == 1)
            .Sum(r => r.GetProperty("programs").GetInt32() - r.GetProperty("reached").GetInt32());
        Assert.That(ranWithWait, Is.LessThanOrEqualTo(2), "programs that called Wait and did not come back");
    }

    /// <summary>The sample's spec lists its out-of-bounds read and write; with the write's entry gone, the write is new, --allow-known or not.</summary>
    [Test]
    public void AKnownEntryCoversItsKindOnly()
    {
        var spec = SpecCopy(Dext("NullDriver"), text =>
        {
            var entry = text.IndexOf("    kind: heap-buffer-overflow-write@*", StringComparison.Ordinal);
            var start = text.LastIndexOf("  - rule:", entry, StringComparison.Ordinal);
            var end = text.IndexOf("  - rule:", entry, StringComparison.Ordinal);
            return text[..start] + text[end..];
        });
        var json = _scratch.File("check.json");
        var result = CliProcess.Run("check", "--dext", Dext("NullDriver"), "--spec", spec, "--rule", "memory.safety", "--allow-known", "--json", json, "--cases", "10");
        TestContext.Out.WriteLine(result);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var known = document.RootElement.GetProperty("findings").EnumerateArray()
            .ToDictionary(f => f.GetProperty("kind").GetString()!.Split('@')[0], f => f.GetProperty("known").GetBoolean());
        Assert.That(known["heap-buffer-overflow-read"], Is.True);
        Assert.That(known["heap-buffer-overflow-write"], Is.False);
    }

    [Test]
    public void ARefusedOpenSaysWhichIdentifierTheAccessCheckWanted()
    {
        var program = _scratch.File("refused.txt");
        File.WriteAllText(program, "# conformancekit program v1\nopen c0 access=com.example.other\n");
        var result = CliProcess.Run("replay", program, "--dext", Dext("NullDriverHardened"));
        TestContext.Out.WriteLine(result);
        Assert.That(result.Stdout, Does.Contain("kIOReturnNotPermitted").And.Contain("does not list com.example.NullDriverHardened"));
    }

    [Test]
    public void ADextThatDoesNotBuildShowsTheCompilersFirstError()
    {
        var copy = Path.Combine(_scratch.Path, "HiddenCrashDriver");
        foreach (var file in Directory.GetFiles(TestDext("HiddenCrashDriver")))
        {
            Directory.CreateDirectory(copy);
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }
        var source = Path.Combine(copy, "HiddenCrashUserClient.cpp");
        File.WriteAllText(source, File.ReadAllText(source).Replace("return self->HandleStore(arguments);", "return self->HandleStore(arguments)", StringComparison.Ordinal));
        var result = CliProcess.Run(TimeSpan.FromMinutes(6), "check", "--dext", copy, "--transport", "inproc", "--cases", "1");
        TestContext.Out.WriteLine(result);
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Does.Match(@"HiddenCrashUserClient\.cpp:\d+:\d+: error: expected ';'"));
        Assert.That(result.Stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1), "one line");
    }
}

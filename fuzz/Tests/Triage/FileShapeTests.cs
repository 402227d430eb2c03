using ConformanceKit.Cli.Output;
using ConformanceKit.Contracts;
using ConformanceKit.Contracts.Campaigns;
using ConformanceKit.Contracts.Findings;
using ConformanceKit.Fuzz.Afl;
using ConformanceKit.Fuzz.Triage;
using ConformanceKit.Oracle;
using ConformanceKit.Programs;
using ConformanceKit.Runner;
using ConformanceKit.Targets;
using ConformanceKit.Testing;

namespace ConformanceKit.Fuzz.Tests.Triage;

/// <summary>
/// finding.json, campaign.json and the `fuzz --json` summary, written by the fuzzer's and the CLI's own
/// writers (no campaign runs), have the approved shape of their format (contracts/Tests/Approved): the
/// same fields, in the same order, of the same kinds. And a finding folder is never overwritten.
/// </summary>
[TestFixture]
public class FileShapeTests
{
    readonly string _out = Path.Combine(Path.GetTempPath(), $"ck-shapes-{Guid.NewGuid():N}");

    [TearDown]
    public void RemoveFolder()
    {
        if (Directory.Exists(_out)) Directory.Delete(_out, recursive: true);
    }

    static void AssertApprovedShape(string name, string path)
    {
        var approved = JsonShape.Approved(name);
        var differences = JsonShape.Differences(approved, File.ReadAllText(path), values: false);
        Assert.That(differences, Is.Empty, JsonShape.Report(approved, differences));
    }

    /// <summary>A finding folder as triage writes it, for a heap overflow on NullDriver's selector 1.</summary>
    string WriteFinding(DextTarget dext, Spec.DispatchSpec spec)
    {
        var program = ProgramText.Parse("open c0\ncall c0 1 in=00 struct_out=4104\n");
        var violation = new Violation(Rules.MemorySafety, 1, 1, "heap-buffer-overflow-write@NullDriver::HandleExternalStruct", "the dext survives every call",
            "AddressSanitizer: heap-buffer-overflow");
        var finding = Finding.From(spec.Dext, new RunResult(program, [], [violation], new CrashInfo(1, false, "heap-buffer-overflow", "==1==ERROR: AddressSanitizer: heap-buffer-overflow\n"), "")).Single();
        var input = Path.Combine(_out, "main-crashes-id_000000");
        Directory.CreateDirectory(_out);
        File.WriteAllBytes(input, [1, 2, 3]);
        return FindingFolder.Write(Path.Combine(_out, "findings"), finding, program, new CrashInput("main", "crash", input, input), [1, 2, 3], spec, dext);
    }

    static DextTarget NullDriver => DextTarget.Resolve(Path.Combine(RepositoryLayout.Root, "dext", "NullDriver"));

    [Test]
    public void TheFuzzersFilesHaveTheirApprovedShape()
    {
        var dext = NullDriver;
        var spec = dext.LoadSpec();
        var folder = WriteFinding(dext, spec);
        FindingFolder.AddHit(folder);

        var options = new CampaignOptions(dext, spec, _out, TimeSpan.FromSeconds(60), 2, FuzzVariant.Asan, Pin: false, Resume: false,
            NativeCoverage: true, CallTimeout: TimeSpan.FromSeconds(2));
        var instances = new[] { new FuzzerStats("main", 1000, 16.7, 12, 3, 0, null, "100.00%", null), new FuzzerStats("sec1", 900, 15.0, 11, 0, 0, null, "99.00%", null) };
        var result = new CampaignResult(spec.Dext, FuzzVariant.Asan, 2, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(60), instances,
            [(FindingFile.ReadFrom(folder), folder)], CrashInputs: 1, Unreproduced: 0, Untriaged: 1, Interrupted: true);
        CampaignRecords.Write(result, options);
        var summary = Path.Combine(_out, "fuzz.json");
        Json.Write(summary, CampaignJson.From(result, spec));

        Assert.Multiple(() =>
        {
            AssertApprovedShape("finding.json", FindingFile.PathIn(folder));
            AssertApprovedShape("campaign.json", CampaignFile.PathIn(_out));
            AssertApprovedShape("fuzz-summary.json", summary);
            Assert.That(FindingFile.ReadFrom(folder).Hits, Is.EqualTo(2));
            Assert.That(Directory.GetFiles(folder, AtomicFile.TemporaryPrefix + "*"), Is.Empty, "no temporary file left");
        });
    }

    /// <summary>A finding.json that cannot be read is never overwritten: the same finding found again goes to a folder of its own.</summary>
    [Test]
    public void AFindingWhoseRecordCannotBeReadIsKeptAsItIs()
    {
        var dext = NullDriver;
        var spec = dext.LoadSpec();
        var first = WriteFinding(dext, spec);
        File.WriteAllText(FindingFile.PathIn(first), "{\"rule\": \"memory.saf");
        var before = Directory.GetFiles(first).ToDictionary(f => f, File.ReadAllBytes);

        var second = WriteFinding(dext, spec);

        Assert.That(second, Is.EqualTo(first + "-2"));
        Assert.That(Directory.GetFiles(first).ToDictionary(f => f, File.ReadAllBytes), Is.EqualTo(before), "the first folder untouched");
        Assert.That(FindingFile.ReadFrom(second).Signature, Does.StartWith("memory.safety|1|"));
    }
}

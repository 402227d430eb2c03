using System.Text.Json;
using ConformanceKit.Cli.Output;
using ConformanceKit.Fuzz.Triage;
using ConformanceKit.Oracle;
using ConformanceKit.Programs;
using ConformanceKit.Runner;
using ConformanceKit.Spec;
using ConformanceKit.Targets;

namespace ConformanceKit.Fuzz.Tests.Triage;

/// <summary>A finding's files say the same: one step number (from 1) in finding.json, verdict.txt, the reproducer and the check JSON; the kind and its consequences.</summary>
[TestFixture]
public class FindingFolderTests
{
    [Test]
    public void EveryFileNumbersTheStepTheSameWay()
    {
        var findings = Directory.CreateTempSubdirectory("ck-finding-").FullName;
        try
        {
            var dext = DextTarget.Resolve(Path.Combine(RepositoryLayout.Root, "dext", "NullDriver"));
            var spec = dext.LoadSpec();
            var program = ProgramText.Parse("open c0\nasync c0 4 refcon=1 in=u64:1,2 struct_out=16\nasync c0 4 refcon=2 in=u64:1,2 struct_out=16\nwait 8s\n");
            var later = new Violation(Rules.ObjectsBalance, 4, null, "leak:OSAction", "live objects back", "OSAction 1->2");
            var violation = new Violation(Rules.AsyncDelivery, 3, 4, "missing-completion", "one completion", "nothing by 7011ms");
            var finding = Finding.From(spec.Dext, new RunResult(program, [], [violation, later], null, "")).Single();
            var input = Path.Combine(findings, "input.bin");
            File.WriteAllBytes(input, [1, 2, 3]);

            var folder = FindingFolder.Write(findings, finding, program, new CrashInput("main", "crashes", input, input), [1, 2, 3], spec, dext);

            using var record = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "finding.json")));
            Assert.That(record.RootElement.GetProperty("step").GetInt32(), Is.EqualTo(4));
            Assert.That(record.RootElement.GetProperty("kind").GetString(), Is.EqualTo("missing-completion"));
            Assert.That(record.RootElement.GetProperty("known").GetBoolean(), Is.True, "the sample's spec lists missing completions on selector 4");
            var verdict = File.ReadAllText(Path.Combine(folder, "verdict.txt"));
            Assert.That(verdict, Does.Contain("step:      4\n").And.Contain("then:      objects.balance at step 5"));
            Assert.That(File.ReadAllText(Path.Combine(folder, "reproducer.txt")), Does.Contain("# at step 4\n").And.Contain($"# dext: NullDriver {dext.Sources}\n"));
            Assert.That(FindingJson.From(finding, spec, dext.Sources, replay: null).Step, Is.EqualTo(4));
        }
        finally
        {
            Directory.Delete(findings, recursive: true);
        }
    }
}

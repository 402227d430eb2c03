using System.Collections.Immutable;
using ConformanceKit.Fuzz.Triage;
using ConformanceKit.IOKit;
using ConformanceKit.Spec;
using ConformanceKit.Targets;

namespace ConformanceKit.Fuzz.Tests.Triage;

public class CrashCollectorTests
{
    string _out = "";
    CampaignOptions _options = null!;

    [SetUp]
    public void SetUp()
    {
        _out = Directory.CreateTempSubdirectory("ck-collect-").FullName;
        var target = DextTarget.Resolve(Path.Combine(RepositoryLayout.Root, "dext", "NullDriver"));
        _options = new CampaignOptions(target, target.LoadSpec(), _out, TimeSpan.FromSeconds(1), 1, FuzzVariant.Asan,
            Pin: false, Resume: false, NativeCoverage: true, CallTimeout: TimeSpan.FromSeconds(1));
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_out, recursive: true);

    string Crash(string instance, string kind, string name, byte[] bytes)
    {
        var folder = Path.Combine(_options.AflDirectory, instance, kind);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Test]
    public void CopiesEveryCrashAndHangOnceBeforeAnythingElse()
    {
        Crash("main", "crashes", "id:000000,sig:02,src:000001,op:havoc", [1, 2, 3]);
        Crash("sec1", "hangs", "id:000000,src:000004", [4]);
        Crash("main", "crashes", "README.txt", [0]);
        var first = new CrashCollector(_options).Collect();
        Assert.That(first.Select(c => (c.Instance, c.Kind)), Is.EqualTo(new[] { ("main", "crash"), ("sec1", "hang") }));
        Assert.That(File.ReadAllBytes(first[0].Saved), Is.EqualTo(new byte[] { 1, 2, 3 }));
        Assert.That(Path.GetFileName(first[0].Saved), Does.Not.Contain(":").And.Not.Contain(","));
        File.Delete(first[0].Original);
        Assert.That(File.Exists(first[0].Saved), "the copy outlives afl-fuzz's file");
    }

    [Test]
    public void ALaterCollectorTakesOnlyNewInputs()
    {
        Crash("main", "crashes", "id:000000,sig:02", [1]);
        Assert.That(new CrashCollector(_options).Collect(), Has.Count.EqualTo(1));
        Crash("main", "crashes", "id:000001,sig:02", [2]);
        var resumed = new CrashCollector(_options).Collect();
        Assert.That(resumed.Single().Original, Does.EndWith("id:000001,sig:02"));
        Assert.That(new CrashCollector(_options).Collect(), Is.Empty);
    }
}

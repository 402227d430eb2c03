using System.Text.RegularExpressions;
using ConformanceKit.Targets;

namespace ConformanceKit.Tests.Targets;

/// <summary>
/// The identity a reproducer names its dext by (<see cref="DextSources"/>): it covers exactly the files
/// the build reads — the same list as dext/build-dext.sh's build key — so it changes with any of
/// them and with nothing else.
/// </summary>
public partial class DextSourcesTests
{
    string _folder = null!;

    [SetUp]
    public void CreateDext()
    {
        _folder = Path.Combine(Path.GetTempPath(), $"ck-dext-sources-{Guid.NewGuid():N}", "MyDriver");
        Directory.CreateDirectory(Path.Combine(_folder, "src"));
        File.WriteAllText(Path.Combine(_folder, "MyDriver.iig"), "class MyDriver : public IOService {};\n");
        File.WriteAllText(Path.Combine(_folder, "src", "MyDriver.cpp"), "int x = 1;\n");
        File.WriteAllText(Path.Combine(_folder, "Info.plist"), "<plist/>\n");
        File.WriteAllText(Path.Combine(_folder, "MyDriver.entitlements"), "<plist/>\n");
        File.WriteAllText(Path.Combine(_folder, "spec.yaml"), "specVersion: 1\n");
    }

    [TearDown]
    public void RemoveDext() => Directory.Delete(Path.GetDirectoryName(_folder)!, recursive: true);

    [Test]
    public void TheIdentityIsShortHexAndStable()
    {
        var identity = DextSources.Identity(_folder);
        Assert.That(identity, Does.Match("^sha256:[0-9a-f]{16}$"));
        Assert.That(DextSources.Identity(_folder), Is.EqualTo(identity));
    }

    [TestCase("src/MyDriver.cpp")]
    [TestCase("MyDriver.iig")]
    [TestCase("Info.plist")]
    [TestCase("MyDriver.entitlements")]
    public void AnyFileTheBuildReadsChangesIt(string file)
    {
        var before = DextSources.Identity(_folder);
        File.AppendAllText(Path.Combine(_folder, file), " ");
        Assert.That(DextSources.Identity(_folder), Is.Not.EqualTo(before));
    }

    [Test]
    public void ARenamedSourceChangesIt()
    {
        var before = DextSources.Identity(_folder);
        File.Move(Path.Combine(_folder, "src", "MyDriver.cpp"), Path.Combine(_folder, "src", "Other.cpp"));
        Assert.That(DextSources.Identity(_folder), Is.Not.EqualTo(before));
    }

    [TestCase("spec.yaml")]
    [TestCase("README.md")]
    [TestCase(".git/HEAD.h")]
    [TestCase(".hidden.cpp")]
    public void FilesTheBuildDoesNotReadLeaveItAlone(string file)
    {
        var before = DextSources.Identity(_folder);
        var path = Path.Combine(_folder, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.AppendAllText(path, "changed\n");
        Assert.That(DextSources.Identity(_folder), Is.EqualTo(before));
    }

    [Test]
    public void TheListIsBuildDextShsList()
    {
        var script = File.ReadAllText(Path.Combine(RepositoryLayout.Root, "dext", "build-dext.sh"));
        // The manifest's find command: its line and the continuation lines after it.
        var lines = script.Split('\n').SkipWhile(l => !l.StartsWith("manifest=$(", StringComparison.Ordinal)).ToArray();
        var manifest = string.Join('\n', lines.Take(lines.TakeWhile(l => l.TrimEnd().EndsWith('\\')).Count() + 1));
        var names = NamePattern().Matches(manifest).Select(m => m.Groups[1].Value.Trim('\'')).Where(n => n != ".*").ToArray();
        var ours = DextSources.Extensions.Concat(DextSources.OtherExtensions).Select(e => "*" + e).Concat(DextSources.Names);
        Assert.That(names, Is.EquivalentTo(ours), "dext/build-dext.sh's build key and DextSources list the same files");
    }

    [GeneratedRegex(@"-name\s+('[^']+'|[^\s\\)]+)")]
    private static partial Regex NamePattern();
}

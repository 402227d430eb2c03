using ConformanceKit.Spec;
using ConformanceKit.Targets;

namespace ConformanceKit.Tests.Targets;

/// <summary>
/// Which files make up a dext (<see cref="DextLayout"/>): the folder as it always was without lists;
/// with the spec's sources: and include:, the listed files (globs), their folders and the include
/// folders on the include path, and as inputs what the compiler can read through them — outside the
/// dext folder too, unlisted files left out. Every problem is one line, with the spec's line.
/// </summary>
public class DextLayoutTests
{
    ScratchProject _project = null!;

    [SetUp]
    public void CreateProject() => _project = new ScratchProject();

    [TearDown]
    public void RemoveProject() => _project.Dispose();

    string P(string relative) => _project[relative];

    [Test]
    public void WithoutListsTheFolderIsBuiltAsItAlwaysWas()
    {
        _project.Dext().Write("MyDriver/Other.cpp").Write("MyDriver/sub/Helper.cpp").Write("MyDriver/sub/helper.h").Write("MyDriver/MyDriver.entitlements", "<plist/>");
        var layout = _project.Layout(spec: _project.Spec());
        Assert.Multiple(() =>
        {
            Assert.That(layout.Name, Is.EqualTo("MyDriver"));
            Assert.That(layout.Iigs, Is.EqualTo(new[] { P("MyDriver/MyDriver.iig") }));
            Assert.That(layout.Sources, Is.EqualTo(new[] { P("MyDriver/MyDriver.cpp"), P("MyDriver/Other.cpp") }), "top-level .cpp files only");
            Assert.That(layout.IncludeDirectories, Is.EqualTo(new[] { P("MyDriver") }));
            Assert.That(layout.InfoPlist, Is.EqualTo(P("MyDriver/Info.plist")));
            Assert.That(layout.Entitlements, Is.EqualTo(P("MyDriver/MyDriver.entitlements")));
            Assert.That(layout.Inputs, Is.EqualTo(DextSources.Files(P("MyDriver")).ToArray()), "every source at any depth, as before");
        });
    }

    [Test]
    public void ListedSourcesInSubfoldersAndASharedHeaderOutsideTheFolder()
    {
        _project.Dext(flatSources: false)
            .Write("MyDriver/Sources/MyDriver.iig").Write("MyDriver/Sources/MyDriver.cpp").Write("MyDriver/Sources/Local.h")
            .Write("MyDriver/Sources/detail/Parse.cpp").Write("MyDriver/Sources/README.md")
            .Write("MyDriver/Tests/MyDriverTests.cpp").Write("MyDriver/Tests/Mock.h")
            .Write("Shared/Protocol.h").Write("Shared/App.cpp").Write("Shared/.hidden.h").Write("Shared/v2/Layout.inc");
        var spec = _project.Spec(extra: "sources:\n  - Sources/*.iig\n  - Sources/**/*.cpp\ninclude:\n  - ../Shared\n");
        var layout = _project.Layout(spec: spec);
        Assert.Multiple(() =>
        {
            Assert.That(layout.Iigs, Is.EqualTo(new[] { P("MyDriver/Sources/MyDriver.iig") }));
            Assert.That(layout.Sources, Is.EqualTo(new[] { P("MyDriver/Sources/MyDriver.cpp"), P("MyDriver/Sources/detail/Parse.cpp") }));
            Assert.That(layout.IncludeDirectories, Is.EqualTo(new[] { P("MyDriver/Sources"), P("MyDriver/Sources/detail"), P("Shared") }));
            Assert.That(layout.Inputs, Is.EqualTo(new[]
            {
                P("MyDriver/Info.plist"), P("MyDriver/Sources/Local.h"), P("MyDriver/Sources/MyDriver.cpp"), P("MyDriver/Sources/MyDriver.iig"),
                P("MyDriver/Sources/detail/Parse.cpp"), P("Shared/Protocol.h"), P("Shared/v2/Layout.inc"),
            }), "no Tests/, no README, not the app's App.cpp, no hidden file");
        });
    }

    [Test]
    public void IncludeFoldersAlsoServeTheFolderAsItIs()
    {
        _project.Dext().Write("Shared/Protocol.h").Write("Shared/App.cpp");
        var layout = _project.Layout(spec: _project.Spec(extra: "include: [../Shared]\n"));
        Assert.Multiple(() =>
        {
            Assert.That(layout.IncludeDirectories, Is.EqualTo(new[] { P("MyDriver"), P("Shared") }));
            Assert.That(layout.Inputs, Does.Contain(P("Shared/Protocol.h")).And.Not.Contain(P("Shared/App.cpp")));
        });
    }

    [Test]
    public void GlobsMatchLikeAShell()
    {
        _project.Dext(flatSources: false).Write("MyDriver/Src/A.iig").Write("MyDriver/Src/B.iig").Write("MyDriver/Src/a1.cpp").Write("MyDriver/Src/a2.cpp")
            .Write("MyDriver/Src/b.cpp").Write("MyDriver/Src/.c.cpp").Write("MyDriver/Src/.git/x.cpp");
        var layout = _project.Layout(spec: _project.Spec(extra: "sources: [\"Src/[AB].iig\", Src/a?.cpp, \"./Src/../Src/[!a]*.cpp\", Src/**/b.cpp]\n"));
        Assert.Multiple(() =>
        {
            Assert.That(layout.Iigs, Is.EqualTo(new[] { P("MyDriver/Src/A.iig"), P("MyDriver/Src/B.iig") }));
            Assert.That(layout.Sources, Is.EqualTo(new[] { P("MyDriver/Src/a1.cpp"), P("MyDriver/Src/a2.cpp"), P("MyDriver/Src/b.cpp") }), "no hidden file, nothing under .git");
        });
    }

    [TestCase("sources: [Sources/*.cpp, Src/*.iig]", 5, "sources: 'Src/*.iig' matches no source or header file")]
    [TestCase("sources: [Sources/*.cpp, Sources/Missing.iig]", 5, "sources: 'Sources/Missing.iig' does not exist")]
    [TestCase("sources: [Sources/*.cpp, Sources]", 5, "sources: 'Sources' is a folder; list its files")]
    [TestCase("sources: [Sources/*.cpp, Sources/notes.txt]", 5, "sources: 'Sources/notes.txt' is not a source or header")]
    [TestCase("sources:\n  - Sources/*.cpp", 5, "sources: no .iig file listed")]
    [TestCase("sources:\n  - Sources/*.iig", 5, "sources: no .cpp file listed")]
    [TestCase("sources: [Sources/**/*.iig, Sources/*.cpp]", 5, "two .iig files named A.iig")]
    [TestCase("sources: [Sources/*.iig, Sources/*.cpp]\ninclude:\n  - ../Nowhere", 7, "include: '../Nowhere' matches no folder")]
    [TestCase("sources: [Sources/*.iig, Sources/*.cpp]\ninclude: [Sources/A.cpp]", 6, "include: 'Sources/A.cpp' is a file; list the folder it is in (Sources)")]
    [TestCase("build:\n  entitlements: Debug.entitlements", 6, "build.entitlements: 'Debug.entitlements' does not exist")]
    [TestCase("build:\n  infoPlist: Config/Info.plist", 6, "build.infoPlist: 'Config/Info.plist' does not exist")]
    public void APathThatCannotBeUsedIsTheSpecsLine(string extra, int line, string problem)
    {
        _project.Dext(flatSources: false).Write("MyDriver/Sources/A.iig").Write("MyDriver/Sources/A.cpp").Write("MyDriver/Sources/notes.txt").Write("MyDriver/Sources/old/A.iig");
        var spec = _project.Spec(extra: extra + "\n");
        var e = Assert.Throws<SpecException>(() => _project.Layout(spec: spec))!;
        Assert.Multiple(() =>
        {
            Assert.That(e.Line, Is.EqualTo(line), e.Message);
            Assert.That(e.Message, Does.StartWith(P("MyDriver/spec.yaml") + ":").And.Contain(problem).And.Not.Contain("\n"));
        });
    }

    [Test]
    public void SeveralEntitlementsFilesNeedTheSpecToNameOne()
    {
        _project.Dext().Write("MyDriver/MyDriver-Release.entitlements", "<plist/>").Write("MyDriver/MyDriver-Debug.entitlements", "<plist/>");
        var e = Assert.Throws<TargetException>(() => _project.Layout(spec: _project.Spec()))!;
        Assert.That(e.Message, Is.EqualTo($"{P("MyDriver")}: several .entitlements files (MyDriver-Debug.entitlements, MyDriver-Release.entitlements): "
            + "name the one to build with in spec.yaml, e.g. build: { entitlements: MyDriver-Debug.entitlements }"));
        var layout = _project.Layout(spec: _project.Spec(extra: "build:\n  entitlements: MyDriver-Release.entitlements\n"));
        Assert.That(layout.Entitlements, Is.EqualTo(P("MyDriver/MyDriver-Release.entitlements")));
    }

    [Test]
    public void InfoPlistAndEntitlementsCanLiveElsewhereAndAreInputs()
    {
        _project.Dext().Write("Config/Info.plist", ScratchProject.Plist).Write("Config/Debug.entitlements", "<plist/>");
        File.Delete(P("MyDriver/Info.plist"));
        var layout = _project.Layout(spec: _project.Spec(extra: "build:\n  infoPlist: ../Config/Info.plist\n  entitlements: ../Config/Debug.entitlements\n"));
        Assert.Multiple(() =>
        {
            Assert.That(layout.InfoPlist, Is.EqualTo(P("Config/Info.plist")));
            Assert.That(layout.Inputs, Does.Contain(P("Config/Info.plist")).And.Contain(P("Config/Debug.entitlements")));
        });
    }

    [Test]
    public void AFolderThatIsNoDextSaysWhatToDo()
    {
        _project.Dext(flatSources: false).Write("MyDriver/Sources/A.iig").Write("MyDriver/Sources/A.cpp");
        var e = Assert.Throws<TargetException>(() => _project.Layout(spec: _project.Spec()))!;
        Assert.That(e.Message, Does.Contain("no .iig or no .cpp file at its top level").And.Contain("list them under sources:"));
        File.Delete(P("MyDriver/Info.plist"));
        _project.Write("MyDriver/MyDriver.iig").Write("MyDriver/MyDriver.cpp");
        Assert.That(Assert.Throws<TargetException>(() => _project.Layout())!.Message, Does.Contain("Info.plist is missing"));
        _project.Dext("My-Driver");
        Assert.That(Assert.Throws<TargetException>(() => _project.Layout("My-Driver"))!.Message, Does.Contain("must be a C identifier"));
    }
}

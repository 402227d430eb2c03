using ConformanceKit.Targets;

namespace ConformanceKit.Tests.Targets;

/// <summary>
/// The plan folder dext/build-dext.sh builds from (<see cref="DextPlanWriter"/>): what it holds, and that
/// writing the same plan again changes no file (make must see no change where there is none).
/// </summary>
public class DextPlanWriterTests
{
    ScratchProject _project = null!;

    [SetUp]
    public void CreateProject() => _project = new ScratchProject();

    [TearDown]
    public void RemoveProject() => _project.Dispose();

    [Test]
    public void ThePlanNamesTheFilesAndHoldsTheExpandedOnes()
    {
        _project.Dext(flatSources: false).Write("MyDriver/Sources/MyDriver.iig").Write("MyDriver/Sources/MyDriver.cpp")
            .Write("Shared/Protocol.h").Write("MyDriver/MyDriver.entitlements", "<plist><dict><key>id</key><string>$(TeamIdentifierPrefix)x</string></dict></plist>");
        var spec = _project.Spec(extra: "bundleIdentifier: com.acme.MyDriver\nsources: [Sources/*.iig, Sources/*.cpp]\ninclude: [../Shared]\n");
        var folder = _project["plan"];
        DextPlanWriter.Write(_project.Plan(spec: spec), folder);
        var cmake = File.ReadAllText(Path.Combine(folder, DextPlanWriter.CMakeFile));
        Assert.Multiple(() =>
        {
            Assert.That(cmake, Does.Contain($"set(DKSIM_PLAN_IIGS\n  [==[{_project["MyDriver/Sources/MyDriver.iig"]}]==])"));
            Assert.That(cmake, Does.Contain($"set(DKSIM_PLAN_SOURCES\n  [==[{_project["MyDriver/Sources/MyDriver.cpp"]}]==])"));
            Assert.That(cmake, Does.Contain($"set(DKSIM_PLAN_INCLUDES\n  [==[{_project["MyDriver/Sources"]}]==]\n  [==[{_project["Shared"]}]==])"));
            Assert.That(cmake, Does.Contain($"set(DKSIM_PLAN_INFO_NAME\n  [==[{_project["MyDriver/Info.plist"]}]==])"));
            Assert.That(cmake, Does.Contain("set(DKSIM_PLAN_ENTITLEMENTS \"${CMAKE_CURRENT_LIST_DIR}/image.entitlements\")"));
            Assert.That(File.ReadAllText(Path.Combine(folder, DextPlanWriter.InfoPlistFile)), Does.Contain("<string>com.acme.MyDriver</string>").And.Not.Contain("$("));
            Assert.That(File.ReadAllText(Path.Combine(folder, DextPlanWriter.EntitlementsFile)), Does.Contain("<string>0000000000.x</string>"));
            Assert.That(File.ReadAllText(Path.Combine(folder, DextPlanWriter.InputsFile)), Is.EqualTo(
                $"./Info.plist\n./MyDriver.entitlements\n./Sources/MyDriver.cpp\n./Sources/MyDriver.iig\n{_project["Shared/Protocol.h"]}\n"));
        });
    }

    [Test]
    public void WritingTheSamePlanAgainTouchesNothingAndADroppedFileGoes()
    {
        _project.Dext().Write("MyDriver/MyDriver.entitlements", "<plist/>");
        var folder = _project["plan"];
        DextPlanWriter.Write(_project.Plan(), folder);
        var old = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var file in Directory.GetFiles(folder)) File.SetLastWriteTimeUtc(file, old);
        DextPlanWriter.Write(_project.Plan(), folder);
        Assert.That(Directory.GetFiles(folder).Select(File.GetLastWriteTimeUtc), Is.All.EqualTo(old));
        Assert.That(Directory.GetFiles(folder).Select(Path.GetFileName), Is.EquivalentTo(new[] { "plan.cmake", "Info.plist", "image.entitlements", "inputs" }));

        File.Delete(_project["MyDriver/MyDriver.entitlements"]);
        DextPlanWriter.Write(_project.Plan(), folder);
        Assert.That(File.Exists(Path.Combine(folder, DextPlanWriter.EntitlementsFile)), Is.False);
        Assert.That(File.ReadAllText(Path.Combine(folder, DextPlanWriter.CMakeFile)), Does.Contain("set(DKSIM_PLAN_ENTITLEMENTS \"\")"));
    }

    [Test]
    public void APathCMakeCannotTakeIsOneLine()
    {
        _project.Dext().Write("MyDriver/semi;colon.h");
        var e = Assert.Throws<TargetException>(() => DextPlanWriter.Write(_project.Plan(), _project["plan"]))!;
        Assert.That(e.Message, Does.Contain("semi;colon.h: a path with ';' or a line break cannot be built"));
    }

    [Test]
    public void AFileThatUsesNoSettingIsEmbeddedAsItIs()
    {
        _project.Dext();
        var plist = "<?xml version=\"1.0\"?>\n<plist version=\"1.0\">\n<dict>\n"
            + string.Concat(XcodeInfoKeys.Generated.Select(g => $"<key>{g.Key}</key><string>v</string>\n")) + "</dict>\n</plist>\n";
        File.WriteAllText(_project["MyDriver/Info.plist"], plist);
        Assert.That(_project.Plan().InfoPlist, Is.EqualTo(File.ReadAllBytes(_project["MyDriver/Info.plist"])));
    }
}

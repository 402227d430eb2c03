using ConformanceKit.Spec;
using ConformanceKit.Targets;

namespace ConformanceKit.Tests.Targets;

/// <summary>
/// The identity a reproducer names its dext by (<see cref="DextSources"/>): it covers exactly the files
/// the build reads — the list the plan gives dext/build-dext.sh's build key — so it changes with any of
/// them, with a build setting the dext uses, and with nothing else.
/// </summary>
public class DextSourcesTests
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
    public void AFolderAsItIsKeepsTheIdentityItHadBeforePlans()
    {
        var nullDriver = Path.Combine(RepositoryLayout.Root, "dext", "NullDriver");
        var plan = DextPlan.For(nullDriver, SpecLoader.LoadFile(Path.Combine(nullDriver, "spec.yaml")));
        Assert.That(DextSources.Identity(plan), Is.EqualTo(DextSources.Identity(nullDriver)));
    }

    [Test]
    public void WithListsItCoversTheSharedHeaderAndNotTheUnlistedFiles()
    {
        using var project = ListedProject();
        string Identity() => DextSources.Identity(project.Plan(spec: SpecLoader.LoadFile(project["MyDriver/spec.yaml"])));
        var before = Identity();
        File.AppendAllText(project["MyDriver/Tests/Tests.cpp"], "// changed\n");
        File.AppendAllText(project["Shared/App.cpp"], "// changed\n");
        Assert.That(Identity(), Is.EqualTo(before), "files the build does not read");
        File.AppendAllText(project["Shared/Protocol.h"], "// changed\n");
        Assert.That(Identity(), Is.Not.EqualTo(before), "the shared header outside the folder");
    }

    [Test]
    public void ABuildSettingTheDextUsesChangesIt()
    {
        using var project = ListedProject();
        var spec = project["MyDriver/spec.yaml"];
        string Identity() => DextSources.Identity(project.Plan(spec: SpecLoader.LoadFile(spec)));
        var before = Identity();
        File.AppendAllText(spec, "build:\n  UNUSED_SETTING: x\n");
        Assert.That(Identity(), Is.EqualTo(before), "Info.plist does not use it");
        File.AppendAllText(spec, "  PRODUCT_BUNDLE_IDENTIFIER: com.acme.other\n");
        Assert.That(Identity(), Is.Not.EqualTo(before), "Info.plist's CFBundleIdentifier is $(PRODUCT_BUNDLE_IDENTIFIER)");
    }

    /// <summary>
    /// build-dext.sh has no list of its own: its build key hashes exactly the files the plan names
    /// (DextLayout.Inputs, "./" inside the folder, absolute outside) and the plan's own files.
    /// </summary>
    [Test]
    public void BuildDextShHashesExactlyThePlansFiles()
    {
        using var project = ListedProject();
        var plan = project.Plan(spec: SpecLoader.LoadFile(project["MyDriver/spec.yaml"]));
        var planFolder = project["plan"];
        DextPlanWriter.Write(plan, planFolder);
        var printed = RunScript(project["MyDriver"], "--plan", planFolder, "--out", project["out"], "--print-manifest")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var expected = plan.Layout.Inputs
            .Select(f => $"{Sha256(File.ReadAllBytes(f))}  {(plan.Layout.Contains(f) ? "./" + Path.GetRelativePath(plan.Layout.Directory, f) : f)}")
            .Concat(new[] { DextPlanWriter.CMakeFile, DextPlanWriter.InfoPlistFile }.Select(f => $"{Sha256(File.ReadAllBytes(Path.Combine(planFolder, f)))}  plan:{f}"));
        Assert.That(printed, Is.EqualTo(expected));
        Assert.That(printed, Has.Some.EqualTo($"{Sha256(File.ReadAllBytes(project["Shared/Protocol.h"]))}  {project["Shared/Protocol.h"]}"));
    }

    /// <summary>MyDriver/ with its sources in Sources/, unit tests in Tests/, and Shared/ beside it holding a header and an app source.</summary>
    static ScratchProject ListedProject()
    {
        var project = new ScratchProject().Dext(flatSources: false)
            .Write("MyDriver/Sources/MyDriver.iig").Write("MyDriver/Sources/MyDriver.cpp").Write("MyDriver/Tests/Tests.cpp")
            .Write("Shared/Protocol.h").Write("Shared/App.cpp");
        project.Spec(extra: "sources: [Sources/*.iig, Sources/*.cpp]\ninclude: [../Shared]\n");
        return project;
    }

    static string Sha256(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

    static string RunScript(params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(RepositoryLayout.BuildScript);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = System.Diagnostics.Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, stderr.Result);
        return stdout;
    }
}

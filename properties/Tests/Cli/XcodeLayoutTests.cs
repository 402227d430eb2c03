using System.Diagnostics;
using ConformanceKit.Properties.Tests.Support;
using ConformanceKit.Targets;
using ConformanceKit.Testing;

namespace ConformanceKit.Properties.Tests.Cli;

/// <summary>
/// A dext laid out as an Xcode project (dext/tests/dexts/XcodeLayout/LayoutDriver): sources in a
/// subfolder, a header shared with the app outside the dext folder, an Info.plist in build settings
/// that lacks the keys Xcode generates, one entitlements file per configuration. `check` builds and
/// passes it; build-dext.sh on its own makes the same plan (the build is already current); what cannot
/// be expanded or chosen is one line and exit 2, before anything is built.
/// </summary>
[TestFixture]
[NonParallelizable]
public class XcodeLayoutTests
{
    static string Project => Path.Combine(RepositoryLayout.Root, "dext", "tests", "dexts", "XcodeLayout");

    static string Dext => Path.Combine(Project, "LayoutDriver");

    ScratchFolder _scratch = null!;

    [SetUp]
    public void CreateScratch() => _scratch = new ScratchFolder("ck-xcode-layout-");

    [TearDown]
    public void RemoveScratch() => _scratch.Dispose();

    /// <summary>
    /// Every rule judged in-process holds: the dext boots under the identifier and class name its
    /// Info.plist spells in settings, admits any client (the Debug entitlements the spec names), and
    /// answers Stamp with the offset of the shared header. Tests/ is not built (it would not compile).
    /// </summary>
    [Test]
    public void CheckBuildsAndPassesItAndTheScriptAloneFindsTheSameBuild()
    {
        var result = CliProcess.Run(TimeSpan.FromMinutes(6), "check", "--dext", Dext, "--transport", "inproc", "--cases", "20");
        TestContext.Out.WriteLine(result);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Stdout, Does.Contain("Every rule holds"));
        var library = DextTarget.Resolve(Dext).LibraryPath(DextVariant.Release);
        var built = File.GetLastWriteTimeUtc(library);

        var (exit, stdout, stderr) = BuildScript(Dext, "--variant", "release");
        Assert.That(exit, Is.Zero, stderr);
        Assert.Multiple(() =>
        {
            Assert.That(stdout.Trim(), Does.EndWith(Path.Combine(Path.GetFileName(DextTarget.Resolve(Dext).OutputDirectory), "release", "libLayoutDriver.so")));
            Assert.That(File.GetLastWriteTimeUtc(library), Is.EqualTo(built), "the script's own plan is the harness's: nothing to rebuild");
        });
    }

    /// <summary>The spec chooses the Release entitlements (no allow-any-userclient-access): only entitled clients get in.</summary>
    [Test]
    public void TheSpecChoosesWhichEntitlementsFileIsBuilt()
    {
        var spec = SpecWithAbsolutePaths("LayoutDriver-Release.entitlements", access: "entitled");
        var result = CliProcess.Run(TimeSpan.FromMinutes(6), "check", "--dext", Dext, "--spec", spec, "--transport", "inproc", "--cases", "10", "--rule", "access.entitlement");
        TestContext.Out.WriteLine(result);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    /// <summary>
    /// The runtime reads the expanded Info.plist but names the user's, at the user's line: the keys
    /// Xcode generates went onto the top-level dict's line, and no expansion adds or removes one.
    /// </summary>
    [Test]
    public void ABootErrorNamesTheLineOfTheUsersOwnInfoPlist()
    {
        var plist = _scratch.File("Info.plist");
        var lines = File.ReadAllLines(Path.Combine(Dext, "Info.plist"));
        var server = Array.FindIndex(lines, l => l.Contains("<key>IOUserServerName</key>", StringComparison.Ordinal)) + 1;
        lines[server] = "\t\t\t<string>com.example.Other</string>";
        File.WriteAllLines(plist, lines);
        var personality = Array.FindIndex(lines, l => l.Contains("<key>${PRODUCT_NAME}</key>", StringComparison.Ordinal)) + 2; // its <dict>, 1-based
        var spec = SpecWithAbsolutePaths("LayoutDriver-Debug.entitlements", extra: $"\n  infoPlist: '{plist}'");
        var result = CliProcess.Run(TimeSpan.FromMinutes(6), "check", "--dext", Dext, "--spec", spec, "--transport", "inproc", "--cases", "3");
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Does.Contain($"{plist}:{personality}: IOUserServerName com.example.Other is not the bundle identifier com.example.LayoutDriver"));
    }

    [Test]
    public void AnUnknownBuildSettingIsOneLineWithItsFileAndLine()
    {
        var copy = Copy();
        var plist = Path.Combine(copy, "Info.plist");
        File.WriteAllText(plist, File.ReadAllText(plist).Replace("<string>$(CURRENT_PROJECT_VERSION)</string>", "<string>$(CURRENT_PROJECT_VERSION).$(BUILD_NUMBER)</string>", StringComparison.Ordinal));
        var expected = $"{plist}:16: unknown build setting $(BUILD_NUMBER): set it under build: in spec.yaml";

        var result = CliProcess.Run("check", "--dext", copy, "--transport", "inproc");
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(result.Stderr, Does.StartWith($"conformancekit: error: {expected}"));

        var (exit, _, stderr) = BuildScript(copy, "--variant", "release", "--out", _scratch.File("out"));
        Assert.That(exit, Is.EqualTo(2), stderr);
        Assert.That(stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(stderr, Does.Contain(expected));
    }

    [Test]
    public void SeveralEntitlementsFilesWithoutTheSpecsChoiceAreOneLineListingThem()
    {
        var copy = Copy();
        var spec = Path.Combine(copy, "spec.yaml");
        File.WriteAllText(spec, File.ReadAllText(spec).Replace("  entitlements: LayoutDriver-Debug.entitlements", "", StringComparison.Ordinal));
        var result = CliProcess.Run("check", "--dext", copy, "--transport", "inproc");
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr.TrimEnd(), Is.EqualTo($"conformancekit: error: {copy}: several .entitlements files (LayoutDriver-Debug.entitlements, LayoutDriver-Release.entitlements): "
            + "name the one to build with in spec.yaml, e.g. build: { entitlements: LayoutDriver-Debug.entitlements }"));
    }

    /// <summary>
    /// LayoutDriver's spec in the scratch folder, its paths made absolute so that they still name the
    /// dext's files: the build stays in LayoutDriver's own tree and only what the change touches is rebuilt.
    /// </summary>
    string SpecWithAbsolutePaths(string entitlements, string access = "any", string extra = "")
    {
        var spec = _scratch.File("spec.yaml");
        File.WriteAllText(spec, File.ReadAllText(Path.Combine(Dext, "spec.yaml"))
            .Replace("access: any", $"access: {access}", StringComparison.Ordinal)
            .Replace("entitlements: LayoutDriver-Debug.entitlements", $"entitlements: '{Dext}/{entitlements}'{extra}", StringComparison.Ordinal)
            .Replace("  - Sources/", $"  - {Dext}/Sources/", StringComparison.Ordinal)
            .Replace("  - ../Shared", $"  - {Project}/Shared", StringComparison.Ordinal));
        return spec;
    }

    /// <summary>The project copied into the scratch folder; its LayoutDriver folder. Only for runs that stop before building.</summary>
    string Copy()
    {
        foreach (var file in Directory.EnumerateFiles(Project, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_scratch.Path, "XcodeLayout", Path.GetRelativePath(Project, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return Path.Combine(_scratch.Path, "XcodeLayout", "LayoutDriver");
    }

    /// <summary>dext/build-dext.sh run by hand, with the CLI next to these tests making its plan.</summary>
    static (int Exit, string Stdout, string Stderr) BuildScript(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(RepositoryLayout.BuildScript);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["CONFORMANCEKIT_CLI"] = Path.Combine(AppContext.BaseDirectory, "conformancekit.dll");
        start.Environment[RepositoryLayout.HomeVariable] = RepositoryLayout.Root;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.Result);
    }
}

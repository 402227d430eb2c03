using ConformanceKit.Targets;

namespace ConformanceKit.Tests.Targets;

/// <summary>
/// CMake templates of a dext folder (<see cref="ConfigureTemplate"/>): Info.plist.in when there is no
/// Info.plist, and header templates (version.hpp.in) configured into the plan, their @NAME@ filled from
/// the spec's build: settings — the same table $(NAME) is expanded from — and an unknown one is one line.
/// </summary>
public class ConfigureTemplateTests
{
    const string TemplatePlist = """
        <?xml version="1.0" encoding="UTF-8"?>
        <plist version="1.0">
        <dict>
        	<key>CFBundleIdentifier</key>
        	<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>
        	<key>CFBundleVersion</key>
        	<string>@DRIVER_VERSION@</string>
        	<key>Contact</key>
        	<string>someone@example.com or @ alone</string>
        </dict>
        </plist>

        """;

    ScratchProject _project = null!;

    [SetUp]
    public void CreateProject() => _project = new ScratchProject();

    [TearDown]
    public void RemoveProject() => _project.Dispose();

    ScratchProject TemplateDext() =>
        _project.Write("MyDriver/Info.plist.in", TemplatePlist).Write("MyDriver/MyDriver.iig").Write("MyDriver/MyDriver.cpp");

    [Test]
    public void InfoPlistInIsUsedWhenThereIsNoInfoPlistAndBothKindsOfReferencesAreFilled()
    {
        TemplateDext();
        var plan = _project.Plan(spec: _project.Spec(extra: "build:\n  DRIVER_VERSION: \"1.2&3\"\n"));
        var text = System.Text.Encoding.UTF8.GetString(plan.InfoPlist);
        Assert.Multiple(() =>
        {
            Assert.That(plan.Layout.InfoPlist, Is.EqualTo(_project["MyDriver/Info.plist.in"]));
            Assert.That(text, Does.Contain("<string>1.2&amp;3</string>"), "escaped for XML like a $(NAME) value");
            Assert.That(text, Does.Contain("<string>com.example.MyDriver</string>"));
            Assert.That(text, Does.Contain("someone@example.com or @ alone"), "an @ that does not close a name is text");
            Assert.That(text.Split('\n')[6], Is.EqualTo("\t<string>1.2&amp;3</string>"), "lines stay where they were");
        });
    }

    [Test]
    public void AnInfoPlistBesideTheTemplateWins()
    {
        TemplateDext().Write("MyDriver/Info.plist", ScratchProject.Plist);
        Assert.That(_project.Layout().InfoPlist, Is.EqualTo(_project["MyDriver/Info.plist"]));
    }

    [Test]
    public void AnUnknownTemplateVariableIsOneLineNamingItsFileLineAndName()
    {
        TemplateDext();
        var e = Assert.Throws<TargetException>(() => _project.Plan(spec: _project.Spec()))!;
        Assert.That(e.Message, Does.StartWith($"{_project["MyDriver/Info.plist.in"]}:7: unknown template variable @DRIVER_VERSION@: set it under build: in spec.yaml"));
        Assert.That(e.Message, Does.Not.Contain("\n"));
    }

    [Test]
    public void AHeaderTemplateIsConfiguredIntoThePlanAndOnTheIncludePath()
    {
        TemplateDext().Write("MyDriver/version.hpp.in", "#define VERSION \"@DRIVER_VERSION@\"\n#define NUMBER @DRIVER_NUMBER@\n");
        var plan = _project.Plan(spec: _project.Spec(extra: "build:\n  DRIVER_VERSION: \"1.2\"\n  DRIVER_NUMBER: $(DRIVER_VERSION:identifier)\n"));
        var folder = _project["plan"];
        DextPlanWriter.Write(plan, folder);
        Assert.Multiple(() =>
        {
            Assert.That(plan.Layout.HeaderTemplates, Is.EqualTo(new[] { _project["MyDriver/version.hpp.in"] }));
            Assert.That(plan.Layout.Inputs, Does.Contain(_project["MyDriver/version.hpp.in"]), "the template is hashed into the build key");
            Assert.That(File.ReadAllText(Path.Combine(folder, DextPlanWriter.ConfiguredFolder, "version.hpp")),
                Is.EqualTo("#define VERSION \"1.2\"\n#define NUMBER _1_2\n"), "no XML escaping in a header; a value may use other settings");
            Assert.That(File.ReadAllText(Path.Combine(folder, DextPlanWriter.CMakeFile)),
                Does.Contain("list(APPEND DKSIM_PLAN_INCLUDES \"${CMAKE_CURRENT_LIST_DIR}/configured\")"));
        });
    }

    [Test]
    public void AHeaderCheckedInBesideItsTemplateIsUsedAsItIs()
    {
        TemplateDext().Write("MyDriver/version.hpp.in", "@DRIVER_VERSION@\n").Write("MyDriver/version.hpp", "#define V 1\n");
        var plan = _project.Plan(spec: _project.Spec(extra: "build:\n  DRIVER_VERSION: \"1\"\n"));
        var folder = _project["plan"];
        DextPlanWriter.Write(plan, folder);
        Assert.Multiple(() =>
        {
            Assert.That(plan.Layout.HeaderTemplates, Is.Empty);
            Assert.That(Directory.Exists(Path.Combine(folder, DextPlanWriter.ConfiguredFolder)), Is.False);
            Assert.That(File.ReadAllText(Path.Combine(folder, DextPlanWriter.CMakeFile)), Does.Not.Contain("configured"));
        });
    }

    [Test]
    public void AConfiguredHeaderWhoseTemplateIsGoneLeavesThePlan()
    {
        TemplateDext().Write("MyDriver/version.hpp.in", "@DRIVER_VERSION@\n");
        var spec = _project.Spec(extra: "build:\n  DRIVER_VERSION: \"1\"\n");
        var folder = _project["plan"];
        DextPlanWriter.Write(_project.Plan(spec: spec), folder);
        File.Delete(_project["MyDriver/version.hpp.in"]);
        DextPlanWriter.Write(_project.Plan(spec: spec), folder);
        Assert.That(File.Exists(Path.Combine(folder, DextPlanWriter.ConfiguredFolder, "version.hpp")), Is.False);
    }

    [Test]
    public void TheIdentityCoversTheConfiguredHeader()
    {
        TemplateDext().Write("MyDriver/version.hpp.in", "@DRIVER_VERSION@\n");
        var one = DextSources.Identity(_project.Plan(spec: _project.Spec(extra: "build:\n  DRIVER_VERSION: \"1\"\n")));
        var two = DextSources.Identity(_project.Plan(spec: _project.Spec(extra: "build:\n  DRIVER_VERSION: \"2\"\n")));
        Assert.That(one, Is.Not.EqualTo(two));
    }
}

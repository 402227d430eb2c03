using ConformanceKit.Spec;

namespace ConformanceKit.Tests.Spec;

/// <summary>
/// The spec's build: section and its sources: and include: lists (<see cref="BuildSpec"/>): read with
/// the line of every entry, so that a setting or a path that cannot be used later is still reported
/// as spec.yaml:LINE; their form is checked here, whether the paths exist when the dext is built.
/// </summary>
public class BuildSpecTests
{
    const string Minimal = """
        specVersion: 1
        dext: Demo
        selectors:
          - selector: 0
        """;

    static DispatchSpec Load(string yaml) => SpecLoader.Parse(yaml, "test.yaml");

    static SpecException Fails(string yaml) => Assert.Throws<SpecException>(() => Load(yaml))!;

    [Test]
    public void WithoutTheSectionsTheFolderIsBuiltAsItIs()
    {
        Assert.That(Load(Minimal).Build, Is.SameAs(BuildSpec.Default));
    }

    [Test]
    public void BuildSettingsAndPathsAreReadWithTheirLines()
    {
        var build = Load(Minimal + """

            build:
              PRODUCT_BUNDLE_IDENTIFIER: com.acme.$(PRODUCT_NAME:rfc1034identifier)
              MARKETING_VERSION: 2.10
              TeamIdentifierPrefix: ABCDE12345.
              entitlements: Config/MyDriver-Debug.entitlements
              infoPlist: Config/Info.plist
            sources:
              - Sources/*.iig
              - Sources/**/*.cpp
            include: [../Shared, "../Common Headers"]
            """).Build;
        Assert.Multiple(() =>
        {
            Assert.That(build.Settings, Is.EqualTo(new[]
            {
                new BuildSetting("PRODUCT_BUNDLE_IDENTIFIER", "com.acme.$(PRODUCT_NAME:rfc1034identifier)", 6),
                new BuildSetting("MARKETING_VERSION", "2.10", 7), // as written: not the number 2.1
                new BuildSetting("TeamIdentifierPrefix", "ABCDE12345.", 8),
            }));
            Assert.That(build.Line, Is.EqualTo(5));
            Assert.That(build.Entitlements, Is.EqualTo(new SpecPathPattern("Config/MyDriver-Debug.entitlements", 9)));
            Assert.That(build.InfoPlist, Is.EqualTo(new SpecPathPattern("Config/Info.plist", 10)));
            Assert.That(build.Sources!.Entries, Is.EqualTo(new[] { new SpecPathPattern("Sources/*.iig", 12), new SpecPathPattern("Sources/**/*.cpp", 13) }));
            Assert.That(build.Sources.Line, Is.EqualTo(11));
            Assert.That(build.Include!.Entries.Select(e => e.Pattern), Is.EqualTo(new[] { "../Shared", "../Common Headers" }));
            Assert.That(build.Include.Line, Is.EqualTo(14));
            Assert.That(build.Find("MARKETING_VERSION")!.Value, Is.EqualTo("2.10"));
            Assert.That(build.Find("CURRENT_PROJECT_VERSION"), Is.Null);
        });
    }

    [Test]
    public void AnEmptyValueIsAValue()
    {
        var build = Load(Minimal + "\nbuild:\n  CODE_SIGN_IDENTITY: \"\"\n").Build;
        Assert.That(build.Settings.Single(), Is.EqualTo(new BuildSetting("CODE_SIGN_IDENTITY", "", 6)));
    }

    [Test]
    public void TheSectionsSurviveACopyOfTheSpec()
    {
        var spec = Load(Minimal + "\nbuild:\n  MARKETING_VERSION: 3.0\n");
        Assert.That((spec with { Service = "Other" }).Build.Find("MARKETING_VERSION")!.Value, Is.EqualTo("3.0"));
    }

    [TestCase("build:\n  PRODUCT-NAME: x\n", 6, "'PRODUCT-NAME' is not a build setting name")]
    [TestCase("build:\n  2FAST: x\n", 6, "'2FAST' is not a build setting name")]
    [TestCase("build:\n  PRODUCT_NAME: [a, b]\n", 6, "build.PRODUCT_NAME must be a single value")]
    [TestCase("build:\n  PRODUCT_NAME: \"two\\nlines\"\n", 6, "build.PRODUCT_NAME must be one line")]
    [TestCase("build:\n  entitlements: [a, b]\n", 6, "build.entitlements must be a path")]
    [TestCase("build:\n  entitlements: \"\"\n", 6, "build.entitlements: an empty path")]
    [TestCase("build:\n  infoPlist: {a: b}\n", 6, "build.infoPlist must be a path")]
    [TestCase("build: Debug\n", 5, "build must be a mapping")]
    [TestCase("build:\n  PRODUCT_NAME: a\n  PRODUCT_NAME: b\n", 7, "Duplicate key PRODUCT_NAME")]
    [TestCase("sources: Sources/*.cpp\n", 5, "'sources' must be a list")]
    [TestCase("sources: []\n", 5, "sources: the list is empty")]
    [TestCase("include:\n  - \"\"\n", 6, "include entry: an empty path")]
    [TestCase("include:\n  - {path: x}\n", 6, "include entry must be a path")]
    public void AMalformedSectionIsOneLineWithItsLine(string section, int line, string problem)
    {
        var e = Fails(Minimal + "\n" + section);
        Assert.Multiple(() =>
        {
            Assert.That(e.Line, Is.EqualTo(line), e.Message);
            Assert.That(e.Message, Does.Contain(problem));
            Assert.That(e.Message, Does.Not.Contain("\n"));
        });
    }
}

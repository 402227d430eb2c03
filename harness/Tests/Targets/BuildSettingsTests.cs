using ConformanceKit.Spec;
using ConformanceKit.Targets;

namespace ConformanceKit.Tests.Targets;

/// <summary>
/// The build settings Info.plist and the entitlements may use (<see cref="BuildSettings"/>,
/// <see cref="BuildSettingDefaults"/>): every default, the spec's build: on top, both reference forms,
/// Xcode's modifiers, and the one-line errors for what cannot be expanded.
/// </summary>
public class BuildSettingsTests
{
    const string SpecPath = "/work/MyDriver/spec.yaml";

    /// <summary>The settings of dext NAME under a spec with BUNDLE (null: none) and the given build: lines.</summary>
    static BuildSettings Settings(string name = "MyDriver", string? bundle = "com.example.MyDriver", params string[] build)
    {
        var yaml = "specVersion: 1\ndext: " + name + "\n" + (bundle is null ? "" : $"bundleIdentifier: {bundle}\n")
            + "selectors:\n  - selector: 0\n" + (build.Length == 0 ? "" : "build:\n" + string.Concat(build.Select(b => $"  {b}\n")));
        return BuildSettings.For(name, SpecLoader.Parse(yaml, SpecPath), SpecPath);
    }

    static string Expand(BuildSettings settings, string text) => settings.ExpandValue(text, "/work/MyDriver/Info.plist", 7);

    [TestCase("TARGET_NAME", "MyDriver")]
    [TestCase("PRODUCT_NAME", "MyDriver")]
    [TestCase("EXECUTABLE_NAME", "MyDriver")]
    [TestCase("PRODUCT_BUNDLE_IDENTIFIER", "com.example.MyDriver")]
    [TestCase("MARKETING_VERSION", "1.0")]
    [TestCase("CURRENT_PROJECT_VERSION", "1")]
    [TestCase("DEVELOPMENT_LANGUAGE", "en")]
    [TestCase("PRODUCT_BUNDLE_PACKAGE_TYPE", "DEXT")]
    [TestCase("DEVELOPMENT_TEAM", "0000000000")]
    [TestCase("TeamIdentifierPrefix", "0000000000.")]
    [TestCase("AppIdentifierPrefix", "0000000000.")]
    public void EverySettingHasItsDefault(string name, string value)
    {
        var settings = Settings(bundle: "com.example.MyDriver");
        Assert.Multiple(() =>
        {
            Assert.That(Expand(settings, $"$({name})"), Is.EqualTo(value), "$(NAME)");
            Assert.That(Expand(settings, $"${{{name}}}"), Is.EqualTo(value), "${NAME}");
            Assert.That(settings.Value(name, "Info.plist", 1), Is.EqualTo(value));
        });
    }

    [Test]
    public void TheTableIsTheDocumentedOne()
    {
        Assert.That(Settings().Names, Is.EqualTo(new[]
        {
            "TARGET_NAME", "PRODUCT_NAME", "EXECUTABLE_NAME", "PRODUCT_BUNDLE_IDENTIFIER", "MARKETING_VERSION", "CURRENT_PROJECT_VERSION",
            "DEVELOPMENT_LANGUAGE", "PRODUCT_BUNDLE_PACKAGE_TYPE", "DEVELOPMENT_TEAM", "TeamIdentifierPrefix", "AppIdentifierPrefix",
        }));
    }

    [TestCase("MyDriver", "com.example.MyDriver")]
    [TestCase("My_Driver", "com.example.My-Driver")]
    public void WithoutABundleIdentifierItIsDerivedFromTheName(string name, string identifier)
    {
        Assert.That(Settings(name, bundle: null).Value("PRODUCT_BUNDLE_IDENTIFIER", "Info.plist", 1), Is.EqualTo(identifier));
    }

    [Test]
    public void WithoutASpecTheDefaultsAlone()
    {
        var settings = BuildSettings.For("Bare_Driver", spec: null, "/work/Bare_Driver/spec.yaml");
        Assert.That(Expand(settings, "$(PRODUCT_BUNDLE_IDENTIFIER) $(EXECUTABLE_NAME)"), Is.EqualTo("com.example.Bare-Driver Bare_Driver"));
    }

    [Test]
    public void TheSpecSetsAndAddsSettingsAndTheDefaultsFollow()
    {
        var settings = Settings("MyDriver", null, "PRODUCT_NAME: Renamed", "MARKETING_VERSION: 2.10", "FLAVOR: Debug", "DEVELOPMENT_TEAM: ABCDE12345");
        Assert.Multiple(() =>
        {
            Assert.That(Expand(settings, "$(EXECUTABLE_NAME)"), Is.EqualTo("Renamed"), "EXECUTABLE_NAME defaults to $(PRODUCT_NAME)");
            Assert.That(Expand(settings, "$(PRODUCT_BUNDLE_IDENTIFIER)"), Is.EqualTo("com.example.Renamed"));
            Assert.That(Expand(settings, "$(TARGET_NAME)"), Is.EqualTo("MyDriver"));
            Assert.That(Expand(settings, "$(MARKETING_VERSION) ($(FLAVOR))"), Is.EqualTo("2.10 (Debug)"));
            Assert.That(Expand(settings, "$(TeamIdentifierPrefix)$(PRODUCT_BUNDLE_IDENTIFIER)"), Is.EqualTo("ABCDE12345.com.example.Renamed"));
        });
    }

    [TestCase("rfc1034identifier", "My-Driver-2-0.beta")]
    [TestCase("c99extidentifier", "My_Driver_2_0_beta")]
    [TestCase("identifier", "My_Driver_2_0_beta")]
    [TestCase("lower", "my driver_2+0.beta")]
    [TestCase("upper", "MY DRIVER_2+0.BETA")]
    [TestCase("rfc1034identifier:lower", "my-driver-2-0.beta")]
    public void ModifiersChangeTheValue(string modifiers, string expected)
    {
        var settings = Settings("MyDriver", null, "PRODUCT_NAME: My Driver_2+0.beta");
        Assert.Multiple(() =>
        {
            Assert.That(Expand(settings, $"$(PRODUCT_NAME:{modifiers})"), Is.EqualTo(expected));
            Assert.That(Expand(settings, $"${{PRODUCT_NAME:{modifiers}}}"), Is.EqualTo(expected));
        });
    }

    [Test]
    public void AnIdentifierDoesNotStartWithADigit()
    {
        Assert.That(Expand(Settings("MyDriver", null, "PRODUCT_NAME: 2Fast"), "$(PRODUCT_NAME:c99extidentifier)"), Is.EqualTo("_2Fast"));
    }

    [TestCase("$(5)")]
    [TestCase("costs $( and $")]
    [TestCase("$(PRODUCT NAME)")]
    [TestCase("$PRODUCT_NAME")]
    [TestCase("${PRODUCT_NAME)")]
    [TestCase("$(PRODUCT_NAME:)")]
    public void WhatIsNoReferenceStaysAsWritten(string text)
    {
        Assert.That(Expand(Settings(), text), Is.EqualTo(text));
    }

    [Test]
    public void AnUnknownSettingIsOneLineNamingItAndWhereItIsUsed()
    {
        var e = Assert.Throws<TargetException>(() => Expand(Settings(), "v$(BUILD_FLAVOR)"))!;
        Assert.That(e.Message, Does.StartWith("/work/MyDriver/Info.plist:7: unknown build setting $(BUILD_FLAVOR): set it under build: in spec.yaml (known: TARGET_NAME, "));
        Assert.That(e.Message, Does.Not.Contain("\n"));
    }

    [Test]
    public void AnUnknownSettingWithAModifierIsNamedToo()
    {
        var e = Assert.Throws<TargetException>(() => Expand(Settings(), "${FLAVOR:lower}"))!;
        Assert.That(e.Message, Does.StartWith("/work/MyDriver/Info.plist:7: unknown build setting FLAVOR in $(FLAVOR:lower): "));
    }

    [Test]
    public void AnUnknownSettingInTheSpecsOwnValueIsReportedAtItsLine()
    {
        var settings = Settings("MyDriver", null, "MARKETING_VERSION: 1.$(MINOR)");
        var e = Assert.Throws<TargetException>(() => Expand(settings, "$(MARKETING_VERSION)"))!;
        Assert.That(e.Message, Does.StartWith($"{SpecPath}:6: unknown build setting $(MINOR)"), "line 6: MARKETING_VERSION under build:");
    }

    [Test]
    public void AnUnknownModifierIsNamed()
    {
        var e = Assert.Throws<TargetException>(() => Expand(Settings(), "$(PRODUCT_NAME:base64)"))!;
        Assert.That(e.Message, Is.EqualTo("/work/MyDriver/Info.plist:7: unknown modifier :base64 in $(PRODUCT_NAME:base64) (known: rfc1034identifier, c99extidentifier, identifier, lower, upper)"));
    }

    [Test]
    public void ASettingThatRefersToItselfIsNamedWithItsCycle()
    {
        var settings = Settings("MyDriver", null, "PRODUCT_NAME: $(EXECUTABLE_NAME)");
        var e = Assert.Throws<TargetException>(() => Expand(settings, "$(PRODUCT_NAME)"))!;
        Assert.That(e.Message, Is.EqualTo($"{SpecPath}:6: build setting PRODUCT_NAME refers to itself (PRODUCT_NAME -> EXECUTABLE_NAME -> PRODUCT_NAME)"));
    }

    [Test]
    public void ABundleIdentifierSetTwiceMustAgree()
    {
        Assert.That(Settings("MyDriver", "com.example.MyDriver", "PRODUCT_BUNDLE_IDENTIFIER: com.example.$(PRODUCT_NAME:rfc1034identifier)").Value("PRODUCT_BUNDLE_IDENTIFIER", "x", 1),
            Is.EqualTo("com.example.MyDriver"));
        var e = Assert.Throws<SpecException>(() => Settings("MyDriver", "com.example.MyDriver", "PRODUCT_BUNDLE_IDENTIFIER: com.acme.driver"))!;
        Assert.That(e.Line, Is.EqualTo(7));
        Assert.That(e.Message, Does.Contain("build.PRODUCT_BUNDLE_IDENTIFIER is com.acme.driver but bundleIdentifier is com.example.MyDriver"));
    }
}

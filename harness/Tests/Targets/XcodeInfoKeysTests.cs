using ConformanceKit.Spec;
using ConformanceKit.Targets;

namespace ConformanceKit.Tests.Targets;

/// <summary>
/// The top-level Info.plist keys Xcode generates from build settings (<see cref="XcodeInfoKeys"/>):
/// added, with Xcode's values, only where the file lacks them, on the line of the top-level dict.
/// </summary>
public class XcodeInfoKeysTests
{
    const string File = "/work/MyDriver/Info.plist";
    const string Head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n<plist version=\"1.0\">\n";

    static BuildSettings Settings(string? bundle = null, params string[] build)
    {
        var yaml = "specVersion: 1\ndext: MyDriver\n" + (bundle is null ? "" : $"bundleIdentifier: {bundle}\n") + "selectors:\n  - selector: 0\n"
            + (build.Length == 0 ? "" : "build:\n" + string.Concat(build.Select(b => $"  {b}\n")));
        return BuildSettings.For("MyDriver", SpecLoader.Parse(yaml, "/work/MyDriver/spec.yaml"), "/work/MyDriver/spec.yaml");
    }

    static string Add(string text, BuildSettings? settings = null) => XcodeInfoKeys.AddMissing(text, File, settings ?? Settings());

    static string Entry(string key, string value) => $"<key>{key}</key><string>{value}</string>";

    [Test]
    public void AMissingBundleIdentifierIsTheProductBundleIdentifier()
    {
        var text = Head + "<dict>\n" + string.Concat(XcodeInfoKeys.Generated.Where(g => g.Key != "CFBundleIdentifier").Select(g => $"\t{Entry(g.Key, "x")}\n")) + "</dict>\n</plist>\n";
        var added = Add(text, Settings(bundle: "com.acme.driver"));
        Assert.That(added, Is.EqualTo(text.Replace("<dict>\n", "<dict>" + Entry("CFBundleIdentifier", "com.acme.driver") + "\n", StringComparison.Ordinal)));
    }

    [Test]
    public void AnEmptyDictGetsEveryKeyWithXcodesValues()
    {
        var added = Add(Head + "<dict/>\n</plist>\n", Settings(null, "MARKETING_VERSION: 2.3", "PRODUCT_NAME: Fancy Driver"));
        var dict = string.Concat(
            Entry("CFBundleDevelopmentRegion", "en"), Entry("CFBundleExecutable", "Fancy Driver"), Entry("CFBundleIdentifier", "com.example.Fancy-Driver"),
            Entry("CFBundleInfoDictionaryVersion", "6.0"), Entry("CFBundleName", "Fancy Driver"), Entry("CFBundlePackageType", "DEXT"),
            Entry("CFBundleShortVersionString", "2.3"), Entry("CFBundleVersion", "1"));
        Assert.That(added, Is.EqualTo(Head + "<dict>" + dict + "</dict>\n</plist>\n"));
    }

    [Test]
    public void KeysTheFileHasAreLeftAsTheyAre()
    {
        var text = Head + "<dict>\n" + string.Concat(XcodeInfoKeys.Generated.Select(g => $"\t{Entry(g.Key, "mine")}\n")) + "</dict>\n</plist>\n";
        Assert.That(Add(text), Is.SameAs(text));
    }

    [Test]
    public void OnlyTopLevelKeysCountAndLinesStay()
    {
        var text = Head + "<dict>\n\t<!-- <key>CFBundleIdentifier</key> -->\n\t<key>IOKitPersonalities</key>\n\t<dict>\n\t\t<key>CFBundleIdentifier</key>\n\t\t<string>com.x</string>\n\t</dict>\n</dict>\n</plist>\n";
        var added = Add(text, Settings("com.example.MyDriver"));
        var lines = added.Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Length.EqualTo(text.Split('\n').Length));
            Assert.That(lines[3], Does.StartWith("<dict><key>CFBundleDevelopmentRegion</key>").And.Contain(Entry("CFBundleIdentifier", "com.example.MyDriver")));
            Assert.That(lines.Skip(4), Is.EqualTo(text.Split('\n').Skip(4)));
        });
    }

    [TestCase("<plist version=\"1.0\">\n<array/>\n</plist>\n")]
    [TestCase("<plist version=\"1.0\">\n<dict>\n<key>A</key>\n</plist>\n")]
    [TestCase("<plist/>\n")]
    [TestCase("not xml at all")]
    public void WhatIsNoPlistWithATopLevelDictIsLeftForTheRuntimeToRefuse(string text)
    {
        Assert.That(Add(text), Is.SameAs(text));
    }

    [Test]
    public void DictAttributesAndCarriageReturnsDoNotMisplaceTheKeys()
    {
        var text = "<?xml version=\"1.0\"?>\r\n<plist version=\"1.0\">\r\n  <dict >\r\n  </dict>\r\n</plist>\r\n";
        var added = Add(text);
        Assert.That(added, Does.StartWith("<?xml version=\"1.0\"?>\r\n<plist version=\"1.0\">\r\n  <dict ><key>CFBundleDevelopmentRegion</key>"));
        Assert.That(added, Does.EndWith("</string>\r\n  </dict>\r\n</plist>\r\n"));
    }
}

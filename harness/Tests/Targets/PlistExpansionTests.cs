using ConformanceKit.Spec;
using ConformanceKit.Targets;

namespace ConformanceKit.Tests.Targets;

/// <summary>
/// Build settings expanded in a whole property list (<see cref="BuildSettings.ExpandDocument"/>): values
/// escaped for XML, comments left alone, CDATA taken literally, and every line where it was — the
/// runtime's boot errors name lines of the user's own file.
/// </summary>
public class PlistExpansionTests
{
    const string File = "/work/MyDriver/Info.plist";

    static BuildSettings Settings(params string[] build)
    {
        var yaml = "specVersion: 1\ndext: MyDriver\nselectors:\n  - selector: 0\n" + (build.Length == 0 ? "" : "build:\n" + string.Concat(build.Select(b => $"  {b}\n")));
        return BuildSettings.For("MyDriver", SpecLoader.Parse(yaml, "/work/MyDriver/spec.yaml"), "/work/MyDriver/spec.yaml");
    }

    [Test]
    public void ValuesAreEscapedForXmlExceptInCdata()
    {
        var text = "<string>$(PRODUCT_NAME)</string>\n<string><![CDATA[$(PRODUCT_NAME)]]></string>\n";
        Assert.That(Settings("PRODUCT_NAME: \"A&B <C>\"").ExpandDocument(text, File),
            Is.EqualTo("<string>A&amp;B &lt;C&gt;</string>\n<string><![CDATA[A&B <C>]]></string>\n"));
    }

    [Test]
    public void CommentsAreLeftAsWritten()
    {
        var text = "<!-- $(NOT_A_SETTING) is only mentioned -->\n<string>${PRODUCT_NAME}</string>";
        Assert.That(Settings().ExpandDocument(text, File), Is.EqualTo("<!-- $(NOT_A_SETTING) is only mentioned -->\n<string>MyDriver</string>"));
    }

    [Test]
    public void AnUnknownSettingNamesItsLineCountingCommentsAndCdata()
    {
        var text = "<plist>\n<!-- two\nlines -->\n<![CDATA[\n]]>\n<dict>\n<string>$(MARKETING_VERSION)</string>\n<string>$(BUILD_FLAVOR)</string>\n";
        var e = Assert.Throws<TargetException>(() => Settings().ExpandDocument(text, File))!;
        Assert.That(e.Message, Does.StartWith($"{File}:8: unknown build setting $(BUILD_FLAVOR): set it under build: in spec.yaml"));
    }

    [Test]
    public void EveryLineStaysWhereItWas()
    {
        var text = "<dict>\n\t<key>A</key>\n\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)-$(CURRENT_PROJECT_VERSION)</string>\n\t<key>$(PRODUCT_NAME)</key>\n</dict>\n";
        var expanded = Settings().ExpandDocument(text, File);
        Assert.Multiple(() =>
        {
            Assert.That(expanded.Split('\n'), Has.Length.EqualTo(text.Split('\n').Length));
            Assert.That(expanded.Split('\n')[2], Is.EqualTo("\t<string>com.example.MyDriver-1</string>"));
            Assert.That(expanded.Split('\n')[3], Is.EqualTo("\t<key>MyDriver</key>"));
        });
    }

    [Test]
    public void TextWithoutReferencesIsUnchanged()
    {
        var text = "<?xml version=\"1.0\"?>\n<plist><dict><key>price</key><string>$5 (or $(5))</string></dict></plist>\n";
        Assert.That(Settings().ExpandDocument(text, File), Is.EqualTo(text));
    }
}

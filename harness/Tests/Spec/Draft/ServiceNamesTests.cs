using System.Text;
using ConformanceKit.Spec.Draft;

namespace ConformanceKit.Tests.Spec.Draft;

/// <summary>The names `spec init` tries for a dext's service, and its bundle identifier, from Info.plist as built.</summary>
public class ServiceNamesTests
{
    const string Plist = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
        <plist version="1.0">
        <dict>
            <key>CFBundleIdentifier</key>
            <string>com.example.Demo</string>
            <key>CFBundleName</key>
            <string>DemoBundle</string>
            <key>IOKitPersonalities</key>
            <dict>
                <key>Demo</key>
                <dict>
                    <key>CFBundleIdentifier</key>
                    <string>com.example.Other</string>
                    <key>IOUserClass</key>
                    <string>DemoDriver</string>
                    <key>UserClientProperties</key>
                    <dict>
                        <key>IOUserClass</key>
                        <string>DemoUserClient</string>
                    </dict>
                </dict>
            </dict>
        </dict>
        </plist>
        """;

    [Test]
    public void ThePersonalitysClassComesFirstThenTheOthersThenTheBundleNameThenTheFolder() =>
        Assert.That(ServiceNames.Candidates(Encoding.UTF8.GetBytes(Plist), "Folder"),
            Is.EqualTo(new[] { "DemoDriver", "DemoUserClient", "DemoBundle", "Folder" }));

    [Test]
    public void TheBundleIdentifierIsTheTopLevelOne() =>
        Assert.That(ServiceNames.BundleIdentifier(Encoding.UTF8.GetBytes(Plist)), Is.EqualTo("com.example.Demo"));

    [Test]
    public void AnUnreadablePlistLeavesTheFolderName()
    {
        Assert.That(ServiceNames.Candidates(Encoding.UTF8.GetBytes("<plist><dict>"), "Folder"), Is.EqualTo(new[] { "Folder" }));
        Assert.That(ServiceNames.BundleIdentifier(Encoding.UTF8.GetBytes("<plist><dict>")), Is.Null);
    }
}

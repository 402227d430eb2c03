using ConformanceKit.Contracts.Campaigns;
using ConformanceKit.Contracts.Check;
using ConformanceKit.Contracts.Findings;

namespace ConformanceKit.Contracts.Tests;

/// <summary>A file that is not its format is one <see cref="ContractException"/> naming it, on one line; a folder without the file is no error where that is allowed.</summary>
[TestFixture]
public class BadFileTests : FolderTest
{
    static IEnumerable<TestCaseData> BadContents() =>
    [
        new TestCaseData("{\"rule\": \"memory.saf").SetArgDisplayNames("cut short"),
        new TestCaseData("[1, 2]").SetArgDisplayNames("not an object"),
        new TestCaseData("{\"dext\": \"NullDriver\"}").SetArgDisplayNames("fields missing"),
        new TestCaseData("{\"rule\": null, \"dext\": 3}").SetArgDisplayNames("wrong kinds"),
        new TestCaseData("").SetArgDisplayNames("empty"),
    ];

    [TestCaseSource(nameof(BadContents))]
    public void EveryReaderSaysWhichFileAndWhyOnOneLine(string content)
    {
        foreach (var (name, read) in new (string, Action<string>)[]
                 {
                     (FindingFile.FileName, path => FindingFile.ReadFrom(Path.GetDirectoryName(path)!)),
                     (CampaignFile.FileName, path => CampaignFile.Read(path)),
                     ("check.json", path => CheckFile.Read(path)),
                 })
        {
            var path = Path.Combine(Folder, name);
            File.WriteAllText(path, content);
            var error = Assert.Throws<ContractException>(() => read(path))!;
            Assert.That(error.Message, Does.StartWith(path + ": ").And.Not.Contain("\n"), name);
        }
    }

    [Test]
    public void AFindingFolderWithABadRecordIsNotAFindingRecordButKeepsItsFiles()
    {
        File.WriteAllText(FindingFile.PathIn(Folder), "{");
        Assert.That(FindingFile.TryReadFrom(Folder), Is.Null);
        Assert.That(File.ReadAllText(FindingFile.PathIn(Folder)), Is.EqualTo("{"), "never rewritten nor deleted");
    }

    [Test]
    public void ACampaignFolderWithoutCampaignJsonHasNone() => Assert.That(CampaignFile.ReadIn(Folder), Is.Null);
}

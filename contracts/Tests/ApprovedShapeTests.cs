using ConformanceKit.Contracts.Campaigns;
using ConformanceKit.Contracts.Check;
using ConformanceKit.Contracts.Findings;

namespace ConformanceKit.Contracts.Tests;

/// <summary>
/// Each file format, written by its one writer, is exactly its approved JSON (Approved/*.json),
/// field by field; and the approved file reads back to the same record. A change of format fails
/// here with the fields that changed — and so cannot reach users' campaign folders unnoticed.
/// </summary>
[TestFixture]
public class ApprovedShapeTests
{
    static IEnumerable<TestCaseData> Formats()
    {
        yield return new TestCaseData("finding.json", ContractJson.Serialize(Samples.Finding),
            (Func<string, string>)(path => ContractJson.Serialize(FindingFile.ReadFrom(Path.GetDirectoryName(path)!)))).SetArgDisplayNames("finding.json");
        yield return new TestCaseData("campaign.json", ContractJson.Serialize(Samples.Campaign),
            (Func<string, string>)(path => ContractJson.Serialize(CampaignFile.Read(path)))).SetArgDisplayNames("campaign.json");
        yield return new TestCaseData("check.json", ContractJson.Serialize(Samples.Check),
            (Func<string, string>)(path => ContractJson.Serialize(CheckFile.Read(path)))).SetArgDisplayNames("check.json");
        yield return new TestCaseData("fuzz-summary.json", ContractJson.Serialize(Samples.FuzzSummary),
            (Func<string, string>)(path => ContractJson.Serialize(ContractJson.Read<CampaignSummary>(path)))).SetArgDisplayNames("fuzz-summary.json");
        yield return new TestCaseData("known-hits.json", ContractJson.Serialize(Samples.KnownHits),
            (Func<string, string>)(path => ContractJson.Serialize(KnownHitsFile.Read(path)))).SetArgDisplayNames("known-hits.json");
    }

    [TestCaseSource(nameof(Formats))]
    public void TheWriterWritesTheApprovedJson(string name, string written, Func<string, string> _) =>
        Approvals.AssertMatches(name, written, values: true);

    [TestCaseSource(nameof(Formats))]
    public void TheApprovedFileReadsBackWhole(string name, string written, Func<string, string> readAndWriteAgain) =>
        Assert.That(readAndWriteAgain(Approvals.PathOf(name)), Is.EqualTo(written));

    [Test]
    public void ADifferentShapeIsReportedFieldByField()
    {
        var changed = ContractJson.Serialize(Samples.Finding).Replace("\"step\": 2", "\"stepNumber\": 2", StringComparison.Ordinal)
            .Replace("\"known\": true", "\"known\": \"yes\"", StringComparison.Ordinal);
        var differences = Testing.JsonShape.Differences(Approvals.PathOf("finding.json"), changed, values: false);
        Assert.That(differences, Is.EquivalentTo(new[]
        {
            "$.known: approved boolean true, found string \"yes\"",
            "$.step: missing (approved: number 2)",
            "$.stepNumber: not in the approved file (number 2)",
        }));
    }
}

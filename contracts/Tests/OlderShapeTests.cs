using ConformanceKit.Contracts.Campaigns;
using ConformanceKit.Contracts.Check;
using ConformanceKit.Contracts.Findings;

namespace ConformanceKit.Contracts.Tests;

/// <summary>
/// Files already in users' campaign folders and CI artifacts, written by older versions, still read:
/// `fuzz --resume`, `triage`, `summary` and the reports depend on it.
/// </summary>
[TestFixture]
public class OlderShapeTests : FolderTest
{
    string Write(string name, string json)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, json);
        return path;
    }

    /// <summary>finding.json as the first fuzzer wrote it: a 0-based stepIndex, no step, no kind.</summary>
    [Test]
    public void AFindingWithoutKindAndWithAStepIndexReads()
    {
        Write(FindingFile.FileName, """
            { "rule": "memory.safety", "selector": 1, "signature": "memory.safety|1|heap-buffer-overflow-write@NullDriver::HandleExternalStruct",
              "known": true, "why": null, "expected": "e", "observed": "o", "stepIndex": 1, "firstSeen": "2026-11-25T10:00:00+00:00",
              "dext": "NullDriver", "replay": "./run.sh replay x --dext dext/NullDriver", "hits": 2, "firstInput": "seed-0001" }
            """);
        var finding = FindingFile.ReadFrom(Folder);
        Assert.That((finding.Kind, finding.Step, finding.Hits), Is.EqualTo(("heap-buffer-overflow-write@NullDriver::HandleExternalStruct", 2, 2)));
        Assert.That(ContractJson.Serialize(finding), Does.Not.Contain("stepIndex"), "written again in today's shape");
    }

    /// <summary>campaign.json as the first fuzzer wrote it (d73d925): no untriaged, interrupted, dext folder, spec or timeout.</summary>
    [Test]
    public void ACampaignWithoutTheLaterFieldsReads()
    {
        var path = Write(CampaignFile.FileName, """
            { "dext": "NullDriver", "variant": "asan", "transport": "socket", "jobs": 1, "durationSeconds": 60, "execs": 1000,
              "execsPerSecond": 16.7, "paths": 12, "startedAt": "2026-11-25T10:00:00.0000000+00:00", "findings": 1, "crashInputs": 3,
              "unreproduced": 0, "instances": [ { "name": "main", "execs": 1000, "execsPerSecond": 16.7, "paths": 12, "crashInputs": 3, "stability": "100.00%" } ] }
            """);
        var campaign = CampaignFile.Read(path);
        Assert.That((campaign.Untriaged, campaign.Interrupted, campaign.DextFolder, campaign.CallTimeoutMs), Is.EqualTo((0, false, (string?)null, (int?)null)));
        Assert.That(campaign.StartTime, Is.EqualTo(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero)));
        Assert.That(campaign.Instances.Single().Name, Is.EqualTo("main"));
        Assert.That(campaign.KnownHits, Is.Empty, "no knownHits before known findings stopped crashing the target");
    }

    [Test]
    public void ACheckSummaryWithoutReachCountsOrKnownFindingsReads()
    {
        var path = Write("check.json", """
            { "dext": "NullDriver", "spec": "spec.yaml", "transport": "inproc", "variant": "release", "seed": 1, "cases": 60,
              "durationMs": 900, "allHeld": true,
              "rules": [ { "id": "selector.range", "status": "held", "selectors": [ { "selector": null, "name": null, "status": "held", "programs": 60, "note": null } ] } ],
              "findings": [] }
            """);
        var check = CheckFile.Read(path);
        var row = check.Rules.Single().Selectors.Single();
        Assert.That((row.Status, row.Reached, row.Calls, check.KnownFindings, check.JudgedRules), Is.EqualTo((RuleStatus.Held, (int?)null, (long?)null, (IReadOnlyList<KnownEntry>?)null, (int?)null)));
    }
}

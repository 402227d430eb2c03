using ConformanceKit.Contracts.Campaigns;
using ConformanceKit.Targets;
using Spectre.Console;

namespace ConformanceKit.Fuzz.Tests.Campaigns;

/// <summary>
/// A finding the spec lists under <c>known:</c> does not stop a campaign. KnownCloseDriver breaks on
/// every close (a use after free its spec lists as known), so every input afl-fuzz could start from
/// — down to a bare open and close — shows it: before, each crashed the target and afl-fuzz refused
/// to start. Now the campaign runs, the fuzz targets count the known finding and keep its first
/// input (which triage turns into a finding folder marked known), and the bug the spec does not
/// list — Mark's write past its table — is still a crash and a new finding.
/// </summary>
[TestFixture]
[NonParallelizable]
public class KnownFindingCampaignTests
{
    [Test]
    public void ACampaignGoesPastAKnownFindingEveryInputShowsAndStillFindsTheUnknownBug()
    {
        var target = DextTarget.Resolve(Path.Combine(RepositoryLayout.Root, "dext", "tests", "dexts", "KnownCloseDriver"));
        var output = Path.Combine(RepositoryLayout.Root, "out", "test", "fuzz", "KnownCloseDriver");
        if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        var options = new CampaignOptions(target, target.LoadSpec(), output, TimeSpan.FromSeconds(20), Jobs: 1, FuzzVariant.Asan,
            Pin: true, Resume: false, NativeCoverage: true, CallTimeout: TimeSpan.FromSeconds(2));
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TestContext.Out), Interactive = InteractionSupport.No });
        var result = new Campaign(options, console).Run();
        foreach (var (record, folder) in result.Findings) TestContext.Out.WriteLine($"{record.Signature} known={record.Known} ({record.Hits} hits) {folder}");
        foreach (var known in result.KnownFindingsHit) TestContext.Out.WriteLine($"known hit: {known}");

        Assert.That(result.Execs, Is.GreaterThan(0), "afl-fuzz ran the target although every input (but those that break Mark first) shows the known use after free");
        Assert.That(Directory.GetFiles(options.SeedDirectory), Is.Not.Empty, "seeds that show only the known finding stay seeds");

        var hit = result.KnownFindingsHit.SingleOrDefault();
        Assert.That(hit, Is.Not.Null, "the fuzz targets recorded the known finding");
        Assert.That((hit!.Rule, hit.Kind), Is.EqualTo(("memory.safety", "heap-use-after-free-read@KnownCloseUserClient::free")));
        Assert.That(hit.Hits, Is.GreaterThan(0));
        Assert.That(hit.FirstInput, Is.Not.Null);
        Assert.That(File.Exists(Path.Combine(output, hit.FirstInput!)), hit.FirstInput);
        Assert.That(CampaignFile.ReadIn(output)!.KnownHits.Select(h => h.Signature), Is.EqualTo(new[] { hit.Signature }), "campaign.json carries it");

        var findings = result.Findings.Select(f => (f.Record.Kind, f.Record.Known)).ToArray();
        Assert.That(findings, Has.Member(("heap-use-after-free-read@KnownCloseUserClient::free", true)), "the known finding has its folder, marked known");
        Assert.That(findings.Where(f => !f.Known).Select(f => f.Kind),
            Is.Not.Empty.And.All.StartWith("heap-buffer-overflow-write@KnownCloseUserClient::HandleMark"), "the unknown bug is a finding");
        Assert.That(result.Untriaged, Is.Zero);
    }
}

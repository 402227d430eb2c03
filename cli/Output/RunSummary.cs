using System.Globalization;
using System.Text.Json;
using ConformanceKit.Contracts;
using ConformanceKit.Contracts.Campaigns;
using ConformanceKit.Contracts.Check;

namespace ConformanceKit.Cli.Output;

/// <summary>
/// One line of `summary`: a check (`check --json`) or a campaign (`fuzz --json`) of one dext, reduced
/// to what the verdict needs — its findings, whether each is known, and the spec's known findings.
/// </summary>
public sealed record RunSummary(
    string Dext,
    string Run,
    string RulesHeld,
    IReadOnlyList<RunSummary.Found> Findings,
    IReadOnlyList<KnownEntry> KnownFindings,
    IReadOnlyList<string>? NotJudged = null,
    IReadOnlyList<KnownHit>? KnownHits = null)
{
    /// <summary>A campaign's known findings that its fuzz targets ran into without crashing (none for a check).</summary>
    public IReadOnlyList<KnownHit> KnownFindingsHit => KnownHits ?? [];

    /// <summary>
    /// What the run could not finish judging, with the reasons: a check's rows that were not judged,
    /// a campaign's untriaged inputs or interruption. A run without its evidence is not green.
    /// </summary>
    public IReadOnlyList<string> Unjudged => NotJudged ?? [];

    public sealed record Found(string Rule, uint? Selector, string Kind, bool Known)
    {
        public override string ToString() =>
            $"{Rule} @ {(Selector is { } s ? s.ToString(CultureInfo.InvariantCulture) : "—")}{(Known ? " (known)" : "")}";
    }

    public int New => Findings.Count(f => !f.Known);

    /// <summary>Known findings of the spec that no finding of this run matches (nor, for a campaign, a known finding its targets ran into).</summary>
    public IReadOnlyList<KnownEntry> Unseen => KnownFindings
        .Where(k => !Findings.Any(f => k.Covers(f.Rule, f.Selector, f.Kind)) && !KnownFindingsHit.Any(h => k.Covers(h.Rule, h.Selector, h.Kind))).ToArray();

    /// <summary>Reads a check or campaign JSON file; a <see cref="UsageException"/> for anything else.</summary>
    public static RunSummary Read(string path)
    {
        var text = File.ReadAllText(path);
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw NotASummary(path);
            if (document.RootElement.TryGetProperty("rules", out _)) return FromCheck(CheckFile.Parse(path, text));
            if (document.RootElement.TryGetProperty("execs", out _)) return FromCampaign(ContractJson.Parse<CampaignSummary>(path, text));
        }
        catch (JsonException) { }
        catch (ContractException) { }
        throw NotASummary(path);
    }

    static UsageException NotASummary(string path) =>
        new($"{path} is neither a check result (check --json) nor a campaign result (fuzz --json)");

    static RunSummary FromCheck(CheckFile check)
    {
        var held = check.Rules.Count(r => r.Status == RuleStatus.Held);
        var applicable = check.Rules.Count(r => r.Status != RuleStatus.NotApplicable);
        var unjudged = check.Rules.SelectMany(r => r.Selectors)
            .Where(row => row.Status == RuleStatus.NotJudged && !row.ByDesign).Select(row => row.Note ?? "not judged").ToArray();
        return new RunSummary(check.Dext, $"check {check.Transport}/{check.Variant}", $"{held}/{applicable}",
            check.Findings.Select(f => new Found(f.Rule, f.Selector, f.Kind, f.Known)).ToArray(), check.KnownFindings ?? [], unjudged);
    }

    /// <summary>A campaign that was interrupted or left crash inputs untriaged has not said everything it found: not green.</summary>
    static RunSummary FromCampaign(CampaignSummary campaign)
    {
        var unfinished = new List<string>();
        if (campaign.Interrupted) unfinished.Add("the campaign was interrupted");
        if (campaign.Untriaged > 0)
            unfinished.Add(string.Create(CultureInfo.InvariantCulture, $"{campaign.Untriaged} crash input(s) not triaged yet (conformancekit triage --out ...)"));
        return new RunSummary(campaign.Dext, string.Create(CultureInfo.InvariantCulture, $"fuzz {campaign.Variant} {campaign.DurationSeconds:0} s"), "—",
            campaign.Findings.Select(f => new Found(f.Rule, f.Selector, f.Kind, f.Known)).ToArray(), campaign.KnownFindings ?? [], unfinished, campaign.KnownHits);
    }
}

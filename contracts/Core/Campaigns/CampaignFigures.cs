using System.Globalization;
using System.Text.Json.Serialization;

namespace ConformanceKit.Contracts.Campaigns;

/// <summary>
/// The figures of a fuzz campaign, the same in campaign.json (<see cref="CampaignFile"/>) and in the
/// `fuzz --json` summary (<see cref="CampaignSummary"/>), which add their own fields after these.
/// CrashInputs: every input persisted for triage; Unreproduced: those that did not reproduce on the
/// ASan build; Untriaged: those still queued (the budget ran out); Interrupted: SIGINT or SIGTERM
/// stopped it; KnownHits: the known findings the fuzz targets ran into without crashing
/// (<see cref="KnownHit"/>). The last three are optional when read: files written before them still read.
/// </summary>
public record CampaignFigures
{
    public required string Dext { get; init; }
    public required string Variant { get; init; }
    public required string Transport { get; init; }
    public required int Jobs { get; init; }
    public required double DurationSeconds { get; init; }
    public required long Execs { get; init; }
    public required double ExecsPerSecond { get; init; }
    public required long Paths { get; init; }

    /// <summary>ISO 8601, round-trip ("O") form.</summary>
    public required string StartedAt { get; init; }
    public required int CrashInputs { get; init; }
    public required int Unreproduced { get; init; }
    public int Untriaged { get; init; }
    public bool Interrupted { get; init; }
    public IReadOnlyList<KnownHit> KnownHits { get; init; } = [];

    /// <summary><see cref="StartedAt"/> as a time, or null when it is not one.</summary>
    [JsonIgnore]
    public DateTimeOffset? StartTime =>
        DateTimeOffset.TryParse(StartedAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time) ? time : null;
}

namespace ConformanceKit.Contracts.Campaigns;

/// <summary>One afl-fuzz instance of a campaign in campaign.json, from its fuzzer_stats: Stability as AFL++ writes it ("98.50%").</summary>
public sealed record CampaignInstance(string Name, long Execs, double ExecsPerSecond, long Paths, long CrashInputs, string Stability);

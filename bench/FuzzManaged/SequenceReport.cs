using System.Globalization;
using System.Text;
using System.Text.Json;
using ConformanceKit.Targets;

namespace ConformanceKit.Fuzz.Bench;

/// <summary>
/// bench/results/fuzz-sequence-bugs.md and .json from a bench/fuzz/sequence-bugs.sh run folder: per default
/// (asan) campaign on SequenceDriver and per planted sequence bug, whether and when it was found
/// (campaign's firstSeen − startedAt) and by which input first (a seed's name, or afl-fuzz's id).
/// </summary>
public static class SequenceReport
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>SequenceDriver's planted bugs (SequenceUserClient.cpp) by the signature each is found under.</summary>
    static readonly (string Signature, string Bug)[] Bugs =
    [
        ("dispatch.accept|0|output-value", "Lookup answers the third new input on a connection wrongly"),
        ("async.delivery|2|missing-completion", "a second request a fraction of the delay after the first never completes"),
        ("objects.balance|-|leak:OSData", "the 65th pending request is refused and leaks its record"),
    ];

    public sealed record Hit(string Signature, bool Found, double? Seconds, string? FirstInput);

    public sealed record Campaign(string Name, Hit[] Hits, string[] Others, double ExecsPerSecond, string Load);

    public static void Write(string runPath, string resultsDirectory)
    {
        var run = new RunFolder(runPath);
        var runs = run.Setting("runs", 5);
        var seconds = run.Setting("seconds", 60);
        var campaigns = Enumerable.Range(1, runs).Select(k => Read(run, $"run-{k}")).ToArray();

        var text = new StringBuilder();
        text.AppendLine("# Sequence bugs: found by a default campaign, every time?");
        text.AppendLine();
        text.AppendLine("Written by `bench/fuzz/sequence-bugs.sh` (report: `bench/FuzzManaged` `sequence-report`) from run folder");
        text.AppendLine($"`{Path.GetRelativePath(RepositoryLayout.Root, run.Path)}` (raw outputs; not committed). Re-running replaces this file and `fuzz-sequence-bugs.json`.");
        text.AppendLine();
        text.AppendLine("**Target.** `dext/tests/dexts/SequenceDriver`, whose planted bugs each need a sequence of calls (`SequenceUserClient.cpp`):");
        foreach (var (signature, bug) in Bugs) text.AppendLine($"- `{signature}`: {bug}.");
        text.AppendLine();
        text.AppendLine($"**Campaigns.** `conformancekit fuzz --dext dext/tests/dexts/SequenceDriver --time {seconds}s` (the defaults: variant asan, 1 job,");
        text.AppendLine($"pinned), {runs} times. *Time*: the finding's `firstSeen − startedAt` (the campaign's clock: build and instrumentation before it,");
        text.AppendLine("seed triage inside it). *First input*: what showed it first — a seed by name (the seeds burst each selector and send two");
        text.AppendLine("requests apart), or an input afl-fuzz made.");
        text.AppendLine();
        run.AppendMachine(text);
        text.AppendLine("## Runs");
        text.AppendLine();
        text.AppendLine("| run | " + string.Join(" | ", Bugs.Select(b => $"`{b.Signature.Replace("|", "\\|", StringComparison.Ordinal)}`")) + " | other findings | exec/s | load (1 min) |");
        text.AppendLine("|---|" + string.Concat(Bugs.Select(_ => "---|")) + "---|---:|---|");
        foreach (var c in campaigns)
            text.AppendLine($"| {c.Name} | " + string.Join(" | ", c.Hits.Select(Cell)) + $" | {(c.Others.Length == 0 ? "none" : string.Join(", ", c.Others))} | " +
                $"{c.ExecsPerSecond.ToString("N0", Invariant)} | {c.Load} |");
        text.AppendLine();
        text.AppendLine("## Result");
        text.AppendLine();
        foreach (var (signature, _) in Bugs)
        {
            var hits = campaigns.Select(c => c.Hits.Single(h => h.Signature == signature)).ToArray();
            var times = hits.Where(h => h.Seconds is not null).Select(h => h.Seconds!.Value).ToArray();
            text.AppendLine($"- `{signature}`: found in {hits.Count(h => h.Found)}/{hits.Length} runs" +
                (times.Length > 0 ? $"; time to first finding median {Statistics.Median(times).ToString("0.0", Invariant)} s, at most {times.Max().ToString("0.0", Invariant)} s." : "."));
        }
        var firsts = campaigns.SelectMany(c => c.Hits).Where(h => h.Found).ToArray();
        var bySeed = firsts.Count(h => h.FirstInput?.StartsWith("seed-", StringComparison.Ordinal) == true);
        text.AppendLine();
        text.AppendLine((bySeed == firsts.Length ? $"All {firsts.Length} first findings came from a seed" : $"{bySeed} of the {firsts.Length} first findings came from a seed, the rest from inputs afl-fuzz made")
            + " (the seeds are run and triaged first, so a seed's time is");
        text.AppendLine("its triage, not AFL++'s search). What limits the time: a finding's triage runs the input again on an ASan dexthost and");
        text.AppendLine("shrinks it — the leak's 257-call seed shrinks to the 65 calls it needs, each try a run of that program. What limits exec/s:");
        text.AppendLine("a program is one round trip to dexthost (RunProgram), in which the ASan build makes every call of it — a burst is");
        text.AppendLine("dozens to hundreds of calls, each allocating and poisoning its buffers under ASan (`fuzz-campaign.md`, \"What limits it\").");
        text.AppendLine();
        File.WriteAllText(Path.Combine(resultsDirectory, "fuzz-sequence-bugs.md"), text.ToString());
        File.WriteAllText(Path.Combine(resultsDirectory, "fuzz-sequence-bugs.json"), JsonSerializer.Serialize(new
        {
            date = run.MetaValue("date"),
            machine = run.Meta.Where(m => m.Key is not "date").ToDictionary(m => m.Key, m => m.Value),
            dext = "dext/tests/dexts/SequenceDriver",
            seconds,
            runs = campaigns,
        }, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
        Console.WriteLine($"sequence report: wrote {Path.Combine(resultsDirectory, "fuzz-sequence-bugs.md")} and .json");
    }

    static string Cell(Hit hit) =>
        !hit.Found ? "not found" : $"{(hit.Seconds is { } s ? s.ToString("0.0", Invariant) + " s" : "found")}{(hit.FirstInput is { } input ? $" ({input})" : "")}";

    static Campaign Read(RunFolder run, string name)
    {
        var start = run.CampaignStart(name);
        var findings = run.Findings(name);
        var hits = Bugs.Select(bug =>
        {
            var finding = findings.FirstOrDefault(f => f.Signature == bug.Signature);
            return new Hit(bug.Signature, finding is not null,
                finding?.FirstSeen is { } seen && start is { } s ? Math.Round((seen - s).TotalSeconds, 1) : null, finding?.FirstInput);
        }).ToArray();
        var others = findings.Select(f => f.Signature).Where(s => Bugs.All(b => b.Signature != s)).Order(StringComparer.Ordinal).ToArray();
        var stats = run.AflStats(name);
        var execs = double.TryParse(stats.GetValueOrDefault("execs_per_sec"), NumberStyles.Float, Invariant, out var v) ? v : 0;
        return new Campaign(name, hits, others, execs, run.Load(name));
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using ConformanceKit.Targets;
using ConformanceKit.Transports.InProcess;

namespace ConformanceKit.Fuzz.Bench;

/// <summary>
/// bench/results/fuzz-native-coverage.md and .json from a bench/fuzz/native-coverage.sh run folder:
/// per MazeDriver campaign with and without native coverage, whether and when its planted
/// dispatch.accept finding appeared, and how deep into the maze the corpus got.
/// </summary>
public static class NativeCoverageReport
{
    const string Signature = "dispatch.accept|0|output-value";
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    static DextTarget Maze => DextTarget.Resolve(Path.Combine(RepositoryLayout.Root, "dext", "tests", "dexts", "MazeDriver"));

    /// <summary>The deepest maze stage any input in these AFL++ folders reaches (on the release build, in-process).</summary>
    public static int DeepestStage(IEnumerable<string> folders)
    {
        var maze = Maze;
        maze.Build(DextVariant.Release);
        using var transport = new InProcessTransport(maze.LibraryPath(DextVariant.Release));
        return MazeProbe.DeepestStage(maze.LoadSpec(), transport, ExecProfile.ReadInputs(folders));
    }

    public sealed record Campaign(string Name, bool NativeCoverage, bool Found, double? CampaignSeconds, double? FuzzerSeconds,
        int DeepestStage, double ExecsPerSecond, long Corpus, string Load);

    public static void Write(string runPath, string resultsDirectory)
    {
        var run = new RunFolder(runPath);
        var runs = run.Setting("runs", 3);
        var seconds = run.Setting("seconds", 120);
        var campaigns = new List<Campaign>();
        for (var k = 1; k <= runs; k++)
            foreach (var native in new[] { true, false })
                campaigns.Add(Read(run, $"{(native ? "with" : "without")}-{k}", native));

        var text = new StringBuilder();
        text.AppendLine("# Native coverage: found with it, not without?");
        text.AppendLine();
        text.AppendLine($"Written by `bench/fuzz/native-coverage.sh` (report: `bench/FuzzManaged` `native-coverage-report`) from run folder");
        text.AppendLine($"`{Path.GetRelativePath(RepositoryLayout.Root, run.Path)}` (raw outputs; not committed). Re-running replaces this file and `fuzz-native-coverage.json`.");
        text.AppendLine();
        text.AppendLine("**Target.** `dext/tests/dexts/MazeDriver`: one selector (Increment: any call shape, each input scalar + 1). Its user client keeps a");
        text.AppendLine($"hidden stage that advances only when consecutive calls pass exactly the scalar counts 3, 11, 7, 14, 5 ({MazeProbe.Length} stages) and");
        text.AppendLine("falls back to 0 otherwise; the call completing the sequence returns each scalar + 2, a `dispatch.accept` violation. Every call");
        text.AppendLine("of the maze looks the same to the harness (same return, same outputs, same managed code path); only the dext's own");
        text.AppendLine("SanitizerCoverage edges change, one per stage reached (`MazeUserClient.cpp`).");
        text.AppendLine();
        text.AppendLine("**Adjusted once.** The first MazeDriver accepted only scalar calls (its dispatch entry refused any structure or");
        text.AppendLine("completion), so each stage needed a whole well-formed call with the right count. In one trial pair of 120 s campaigns");
        text.AppendLine("(2026-11-25, load 10 → 4) the run with native coverage reached stage 3 of 5 and the run without stage 1, and neither");
        text.AppendLine("found the bug: no difference in findings. The entry now accepts every shape, so a stage is one call of selector 0 with");
        text.AppendLine("the right count; the sequence and its length (5) are unchanged. The runs below are all with the adjusted dext.");
        text.AppendLine();
        text.AppendLine($"**Campaigns.** `conformancekit fuzz --dext dext/tests/dexts/MazeDriver --variant fast --jobs 1 --time {seconds}s` (pinned),");
        text.AppendLine($"{runs} with native coverage and {runs} with `--no-native-coverage`, alternating. *Campaign*: the finding's `firstSeen − startedAt`.");
        text.AppendLine("*Fuzzer*: afl-fuzz's `time:` of its first crash input (from afl-fuzz's start). *Deepest stage*: the furthest any input of the");
        text.AppendLine($"final corpus or crashes gets (replayed on the release build, stage lines read from the dext's log; {MazeProbe.Length} = through).");
        text.AppendLine();
        run.AppendMachine(text);
        text.AppendLine("## Runs");
        text.AppendLine();
        text.AppendLine("| run | native coverage | found | campaign, s | fuzzer, s | deepest stage | exec/s | corpus | load (1 min) |");
        text.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---|");
        foreach (var c in campaigns)
            text.AppendLine($"| {c.Name} | {(c.NativeCoverage ? "yes" : "no")} | {(c.Found ? "yes" : "no")} | {S(c.CampaignSeconds)} | {S(c.FuzzerSeconds)} | " +
                $"{c.DeepestStage}/{MazeProbe.Length} | {c.ExecsPerSecond.ToString("N0", Invariant)} | {c.Corpus} | {c.Load} |");
        text.AppendLine();
        text.AppendLine("## Result");
        text.AppendLine();
        foreach (var native in new[] { true, false })
        {
            var group = campaigns.Where(c => c.NativeCoverage == native).ToArray();
            var found = group.Count(c => c.Found);
            text.AppendLine($"- **{(native ? "With" : "Without")} native coverage**: found in {found}/{group.Length} runs; median time to find " +
                $"{MedianText(group, seconds)}; deepest stage reached (median) {Statistics.Median(group.Select(c => (double)c.DeepestStage)).ToString("0.#", Invariant)}/{MazeProbe.Length}.");
        }
        text.AppendLine();
        var with = campaigns.Where(c => c.NativeCoverage).ToArray();
        var without = campaigns.Where(c => !c.NativeCoverage).ToArray();
        text.AppendLine(with.All(c => c.Found) && without.All(c => !c.Found)
            ? $"The condition reachable only inside the dext's C++ was found in every run with native coverage and in none without, within {seconds} s."
            : with.Count(c => c.Found) > without.Count(c => c.Found)
                ? $"Native coverage found the condition more often ({with.Count(c => c.Found)}/{with.Length} against {without.Count(c => c.Found)}/{without.Length}), but not in every run / not only with it."
                : $"No difference shown: found in {with.Count(c => c.Found)}/{with.Length} runs with native coverage and {without.Count(c => c.Found)}/{without.Length} without.");
        text.AppendLine();
        File.WriteAllText(Path.Combine(resultsDirectory, "fuzz-native-coverage.md"), text.ToString());
        File.WriteAllText(Path.Combine(resultsDirectory, "fuzz-native-coverage.json"), JsonSerializer.Serialize(new
        {
            date = run.MetaValue("date"),
            machine = run.Meta.Where(m => m.Key is not "date").ToDictionary(m => m.Key, m => m.Value),
            dext = "dext/tests/dexts/MazeDriver",
            signature = Signature,
            mazeLength = MazeProbe.Length,
            seconds,
            runs = campaigns,
        }, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
        Console.WriteLine($"native coverage report: wrote {Path.Combine(resultsDirectory, "fuzz-native-coverage.md")} and .json");
    }

    static Campaign Read(RunFolder run, string name, bool native)
    {
        var start = run.CampaignStart(name);
        var finding = run.Findings(name).FirstOrDefault(f => f.Signature == Signature);
        var crashes = Path.Combine(run.AflMain(name), "crashes");
        // Every crash of MazeDriver is its one bug (the dext has no other), so the earliest crash input dates it.
        var fuzzerMs = Directory.Exists(crashes)
            ? Directory.GetFiles(crashes, "id:*").Select(f => CrashClassifier.AflTimeMs(Path.GetFileName(f))).Where(t => t is not null).Min()
            : null;
        var stats = run.AflStats(name);
        double Number(string key) => double.TryParse(stats.GetValueOrDefault(key), NumberStyles.Float, Invariant, out var v) ? v : 0;
        return new Campaign(name, native, finding is not null,
            finding?.FirstSeen is { } seen && start is { } s ? Math.Round((seen - s).TotalSeconds, 1) : null,
            fuzzerMs is { } ms ? Math.Round(ms / 1000.0, 1) : null,
            DeepestStage([Path.Combine(run.AflMain(name), "queue"), crashes]),
            Number("execs_per_sec"), (long)Number("corpus_count"), run.Load(name));
    }

    /// <summary>A run that did not find it counts as "longer than the budget", so the median is defined when most runs found it.</summary>
    static string MedianText(Campaign[] group, int seconds)
    {
        var times = group.Select(c => c.CampaignSeconds ?? double.PositiveInfinity).Order().ToArray();
        if (times.Length == 0) return "—";
        var median = times.Length % 2 == 1 ? times[times.Length / 2] : (times[times.Length / 2 - 1] + times[times.Length / 2]) / 2;
        return double.IsPositiveInfinity(median) ? $"> {seconds} s (not found in most runs)" : $"{median.ToString("0.0", Invariant)} s";
    }

    static string S(double? value) => value is { } v ? v.ToString("0.0", Invariant) : "—";
}

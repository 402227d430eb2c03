using System.Globalization;
using System.Text;
using System.Text.Json;
using ConformanceKit.Targets;
using ConformanceKit.Transports;
using ConformanceKit.Transports.Socket;

namespace ConformanceKit.Fuzz.Bench;

/// <summary>
/// bench/results/fuzz-campaign.md and .json from a bench/fuzz/campaign-bench.sh run folder: exec/s
/// under afl-fuzz of the trivial native target, the empty SharpFuzz target and ConformanceKit's
/// target per variant; the issue's targets; where an execution's time goes; and time to first
/// finding per known-vulnerable path of NullDriver. Every figure is read from the run folder or
/// measured here (the target's own time on each campaign's queue), none is typed in.
/// </summary>
public static class CampaignReport
{
    // Issue 18's targets: the fast variant within 75 % of the trivial native target, the asan
    // variant at 10,000 exec/s and a quarter of the trivial target, every variant 95 % stable.
    const double FastFractionOfTrivial = 0.75;
    const double AsanExecsPerSecond = 10_000;
    const double AsanFractionOfTrivial = 0.25;
    const double Stability = 95;

    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>One exec/s measurement: a name in the run folder, what ran, and how it is reached.</summary>
    sealed record Rate(string Name, string What, string Transport, double ExecsPerSecond, long Execs, long Paths, long MapSize,
        string Stability, double? SwitchesPerExec, string Load)
    {
        public double MicrosecondsPerExec => 1e6 / ExecsPerSecond;
    }

    public static void Write(string runPath, string resultsDirectory, IReadOnlyList<string>? otherRuns = null)
    {
        var run = new RunFolder(runPath);
        var runs = run.Setting("runs", 5);
        var seconds = run.Setting("seconds", 60);
        var managed = ManagedSummary.Read(Path.Combine(resultsDirectory, "fuzz-managed", "summary.json"));
        var dext = DextTarget.Resolve(Path.Combine(RepositoryLayout.Root, "dext", "NullDriver"));
        var spec = dext.LoadSpec();

        var asanNames = Enumerable.Range(1, runs).Select(k => $"asan-{k}").ToArray();
        var trivial = ReadRate(run, "trivial", "trivial native persistent target (bench/fuzz/trivial-target.c)", "—");
        var empty = ReadRate(run, "sharpfuzz-empty", "empty SharpFuzz target (bench/fuzz/EmptyTarget)", "—");
        var fast = ReadRate(run, "fast", "ConformanceKit, `fuzz --variant fast`", $"{TransportKind.InProcess.Name()}, cov build");
        var socketCov = ReadRate(run, "socket-cov", "ConformanceKit, afl-fuzz started directly", $"{TransportKind.Socket.Name()}, cov build");
        var asanRuns = asanNames.Select(n => ReadRate(run, n, "ConformanceKit, `fuzz --variant asan`", $"{TransportKind.Socket.Name()}, asan-cov build")).ToArray();
        var asanMedian = Statistics.Median(asanRuns.Select(r => r.ExecsPerSecond));

        // The target's own work per execution, timed here on each campaign's own queue with the same build.
        var work = new Dictionary<string, (double Microseconds, int Inputs, ExecProfile Profile)>(StringComparer.Ordinal);
        var socketWork = new Dictionary<string, ExecProfile>(StringComparer.Ordinal);
        foreach (var (name, variant) in new[] { ("fast", "fast"), ("socket-cov", "socket-cov"), (asanNames[0], "asan") })
        {
            var queue = ExecProfile.ReadInputs([Path.Combine(run.AflMain(name), "queue")]);
            double microseconds;
            using (var target = new TargetUnderTest(dext, variant)) microseconds = target.MedianMicrosecondsPerInput(queue);
            using var counted = new Transports.InProcess.InProcessTransport(ReleaseLibrary(dext));
            work[variant] = (microseconds, queue.Count, ExecProfile.Measure(spec, counted, queue));
            if (variant == "fast") continue;
            // The same queue through the variant's own dexthost, each operation timed: a program is one
            // RunProgram exchange, whose time is the host's work; the rest is replay and judging.
            var build = variant == "asan" ? DextVariant.AsanCov : DextVariant.Cov;
            dext.Build(build);
            using var socket = new SocketTransport(dext.HostPath(build), TimeSpan.FromSeconds(2));
            ExecProfile.Measure(spec, socket, queue); // warm-up: JIT, the symbolizer's first reads
            socketWork[variant] = ExecProfile.Measure(spec, socket, queue);
        }

        var firstFindings = TimeToFirstFinding(run, asanNames, dext, spec);

        var ratio = fast.ExecsPerSecond / trivial.ExecsPerSecond;
        var markdown = Markdown(run, seconds, runs, trivial, empty, fast, socketCov, asanRuns, asanMedian, ratio, work, socketWork, managed, firstFindings)
            + OtherRuns(otherRuns ?? []);
        File.WriteAllText(Path.Combine(resultsDirectory, "fuzz-campaign.md"), markdown);
        var json = new
        {
            date = run.MetaValue("date"),
            machine = run.Meta.Where(m => m.Key is not "date").ToDictionary(m => m.Key, m => m.Value),
            seconds,
            runs,
            execsPerSecond = new[] { trivial, empty, fast, socketCov }.Concat(asanRuns).Select(r => new
            {
                name = r.Name, what = r.What, transport = r.Transport, execsPerSecond = r.ExecsPerSecond, execs = r.Execs, paths = r.Paths,
                mapSize = r.MapSize, stability = r.Stability, contextSwitchesPerExec = r.SwitchesPerExec, load1Min = r.Load,
            }),
            asanMedianExecsPerSecond = asanMedian,
            targets = new
            {
                fastOverTrivial = Math.Round(ratio, 3),
                fastAtLeast75PercentOfTrivial = ratio >= FastFractionOfTrivial,
                asanOverTrivial = Math.Round(asanMedian / trivial.ExecsPerSecond, 3),
                asanAtLeast10k = asanMedian >= AsanExecsPerSecond,
                asanAtLeast25PercentOfTrivial = asanMedian / trivial.ExecsPerSecond >= AsanFractionOfTrivial,
                everyVariant95PercentStable = new[] { fast, socketCov }.Concat(asanRuns).All(r => StabilityPercent(r) >= Stability),
            },
            targetWorkPerExec = work.Select(w => new
            {
                variant = w.Key, microseconds = Math.Round(w.Value.Microseconds, 1), queueInputs = w.Value.Inputs,
                steps = Math.Round(w.Value.Profile.Steps, 2), operationsPerExec = w.Value.Profile.OperationsPerExec,
                socketMicrosecondsPerExec = socketWork.TryGetValue(w.Key, out var socket) ? Math.Round(socket.MicrosecondsPerExec, 1) : (double?)null,
                socketExchangesPerExec = socketWork.TryGetValue(w.Key, out var counted) ? Math.Round(counted.ExchangesPerExec ?? 0, 2) : (double?)null,
            }),
            timeToFirstFinding = firstFindings,
        };
        File.WriteAllText(Path.Combine(resultsDirectory, "fuzz-campaign.json"),
            JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"campaign report: wrote {Path.Combine(resultsDirectory, "fuzz-campaign.md")} and .json");
    }

    static string ReleaseLibrary(DextTarget dext)
    {
        dext.Build(DextVariant.Release);
        return dext.LibraryPath(DextVariant.Release);
    }

    /// <summary>
    /// The headline rates of other run folders of the same script, so the spread between runs on this
    /// shared machine is on the page next to the run reported in full.
    /// </summary>
    static string OtherRuns(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0) return "";
        var text = new StringBuilder();
        text.AppendLine("## Other runs of this script");
        text.AppendLine();
        text.AppendLine("The same measurements from other runs (exec/s; load average, 1 min, before → after each). Only the run above is reported in full.");
        text.AppendLine();
        text.AppendLine("| run folder | trivial | sharpfuzz-empty | fast | socket-cov | asan (median) | fast / trivial |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var path in paths)
        {
            var other = new RunFolder(path);
            string RateCell(string name)
            {
                var stats = other.AflStats(name);
                return double.TryParse(stats.GetValueOrDefault("execs_per_sec"), NumberStyles.Float, Invariant, out var rate)
                    ? $"{rate.ToString("N0", Invariant)} ({other.Load(name)})"
                    : "—";
            }
            double Rate(string name) =>
                double.TryParse(other.AflStats(name).GetValueOrDefault("execs_per_sec"), NumberStyles.Float, Invariant, out var rate) ? rate : double.NaN;
            var asan = Enumerable.Range(1, other.Setting("runs", 5)).Select(k => Rate($"asan-{k}")).Where(r => !double.IsNaN(r)).ToArray();
            text.AppendLine($"| `{Path.GetRelativePath(RepositoryLayout.Root, other.Path)}` | {RateCell("trivial")} | {RateCell("sharpfuzz-empty")} | {RateCell("fast")} | {RateCell("socket-cov")} | " +
                $"{(asan.Length > 0 ? Statistics.Median(asan).ToString("N0", Invariant) : "—")} | {Rate("fast") / Rate("trivial") * 100:0} % |");
        }
        text.AppendLine();
        return text.ToString();
    }

    static Rate ReadRate(RunFolder run, string name, string what, string transport)
    {
        var stats = run.AflStats(name);
        if (stats.Count == 0) throw new InvalidOperationException($"{run.AflMain(name)}/fuzzer_stats is missing: measurement {name} did not run");
        double Number(string key) => double.TryParse(stats.GetValueOrDefault(key), NumberStyles.Float, Invariant, out var v) ? v : 0;
        var execs = (long)Number("execs_done");
        var switches = run.ContextSwitches(name);
        return new Rate(name, what, transport, Number("execs_per_sec"), execs, (long)Number("corpus_count"), (long)Number("total_edges"),
            stats.GetValueOrDefault("stability", "-"), switches is { } s && execs > 0 ? (double)s / execs : null, run.Load(name));
    }

    public sealed record PathTiming(string Signature, bool Known, int FoundIn, double?[] CampaignSeconds, double? CampaignMedian,
        string[] FoundBy, double?[] FuzzerSeconds, double? FuzzerMedian);

    /// <summary>
    /// Per finding signature over the asan runs: firstSeen − startedAt (the campaign's own clock:
    /// seed triage, then afl-fuzz, triage every 2 s, minimization before the folder is written), what
    /// first showed it (a seed or an afl-fuzz crash input), and the fuzzer's own time to its first
    /// crash input with that signature (AFL++'s time: field, from afl-fuzz's start).
    /// </summary>
    static IReadOnlyList<PathTiming> TimeToFirstFinding(RunFolder run, string[] names, DextTarget dext, Spec.DispatchSpec spec)
    {
        dext.Build(DextVariant.Asan);
        using var host = new SocketTransport(dext.HostPath(DextVariant.Asan), TimeSpan.FromSeconds(5));
        var perRun = names.Select(name =>
        {
            var start = run.CampaignStart(name);
            var findings = run.Findings(name).ToDictionary(f => f.Signature, StringComparer.Ordinal);
            var fuzzerFirst = new Dictionary<string, long>(StringComparer.Ordinal);
            var crashes = Path.Combine(run.AflMain(name), "crashes");
            foreach (var file in Directory.Exists(crashes) ? Directory.GetFiles(crashes, "id:*") : [])
            {
                if (CrashClassifier.AflTimeMs(Path.GetFileName(file)) is not { } ms) continue;
                foreach (var signature in CrashClassifier.Signatures(spec, host, File.ReadAllBytes(file)))
                    if (!fuzzerFirst.TryGetValue(signature, out var earlier) || ms < earlier) fuzzerFirst[signature] = ms;
            }
            return (Start: start, Findings: findings, FuzzerFirst: fuzzerFirst);
        }).ToArray();
        var signatures = perRun.SelectMany(r => r.Findings.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return signatures.Select(signature =>
        {
            var campaign = perRun.Select(r => r.Findings.TryGetValue(signature, out var f) && f.FirstSeen is { } seen && r.Start is { } s ? (seen - s).TotalSeconds : (double?)null).ToArray();
            var fuzzer = perRun.Select(r => r.FuzzerFirst.TryGetValue(signature, out var ms) ? ms / 1000.0 : (double?)null).ToArray();
            var foundBy = perRun.Select(r => r.Findings.TryGetValue(signature, out var f) ? FoundBy(f.FirstInput) : "—").ToArray();
            var known = perRun.Any(r => r.Findings.TryGetValue(signature, out var f) && f.Known);
            return new PathTiming(signature, known, campaign.Count(c => c is not null), campaign.Select(Round).ToArray(), MedianOf(campaign),
                foundBy, fuzzer.Select(Round).ToArray(), MedianOf(fuzzer));
        }).ToArray();
    }

    /// <summary>Triage saves afl-fuzz's inputs as INSTANCE-crashes-NAME or INSTANCE-hangs-NAME; a seed keeps its own name.</summary>
    static string FoundBy(string? firstInput) =>
        firstInput is null ? "—"
        : firstInput.Contains("-crashes-", StringComparison.Ordinal) || firstInput.Contains("-hangs-", StringComparison.Ordinal)
            ? "afl-fuzz"
            : $"seed `{firstInput}`";

    /// <summary>"seed `x`" when a seed showed it in every run that found it, else what each run's first input was.</summary>
    static string FirstFinder(string[] foundBy)
    {
        var distinct = foundBy.Where(b => b != "—").Distinct(StringComparer.Ordinal).ToArray();
        return distinct.Length switch
        {
            0 => "—",
            1 => distinct[0],
            _ => string.Join(" / ", foundBy),
        };
    }

    static double? Round(double? value) => value is { } v ? Math.Round(v, 2) : null;

    static double? MedianOf(IEnumerable<double?> values)
    {
        var found = values.Where(v => v is not null).Select(v => v!.Value).ToArray();
        return found.Length == 0 ? null : Math.Round(Statistics.Median(found), 2);
    }

    static string Markdown(RunFolder run, int seconds, int runs, Rate trivial, Rate empty, Rate fast, Rate socketCov, Rate[] asanRuns,
        double asanMedian, double ratio, Dictionary<string, (double Microseconds, int Inputs, ExecProfile Profile)> work,
        Dictionary<string, ExecProfile> socketWork, ManagedSummary.Document? managed, IReadOnlyList<PathTiming> firstFindings)
    {
        var text = new StringBuilder();
        text.AppendLine("# Fuzz campaign figures");
        text.AppendLine();
        text.AppendLine($"Written by `bench/fuzz/campaign-bench.sh` (report: `bench/FuzzManaged` `campaign-report`) from run folder `{Path.GetRelativePath(RepositoryLayout.Root, run.Path)}`");
        text.AppendLine("(raw AFL++ and campaign outputs; not committed). Re-running the script replaces this file and `fuzz-campaign.json`.");
        text.AppendLine($"Every afl-fuzz below is one instance pinned to CPU 0 (`-b 0`, the CLI's default for its first job) for {seconds} s on `dext/NullDriver`.");
        text.AppendLine();
        run.AppendMachine(text);
        text.AppendLine("The machine was shared with other work while this ran: the load average (1 min) before and after each measurement is in");
        text.AppendLine("the tables. On 2 cores a load above 2 means the fuzzer's core was not its own, and every rate below is lower than on an idle machine.");
        text.AppendLine();
        text.AppendLine("## Exec/s under afl-fuzz");
        text.AppendLine();
        text.AppendLine("| measurement | target | transport, build | exec/s | execs | corpus | map size | stability | context switches / exec | load |");
        text.AppendLine("|---|---|---|---:|---:|---:|---:|---|---:|---|");
        foreach (var rate in new[] { trivial, empty, fast, socketCov }.Concat(asanRuns))
            text.AppendLine($"| {rate.Name} | {rate.What} | {rate.Transport} | {rate.ExecsPerSecond.ToString("N0", Invariant)} | {rate.Execs.ToString("N0", Invariant)} | " +
                $"{rate.Paths} | {rate.MapSize} | {rate.Stability} | {(rate.SwitchesPerExec is { } s ? s.ToString("0.00", Invariant) : "—")} | {rate.Load} |");
        text.AppendLine();
        text.AppendLine($"asan, median of the {runs} runs: **{asanMedian.ToString("N0", Invariant)} exec/s** (range {asanRuns.Min(r => r.ExecsPerSecond).ToString("N0", Invariant)}–{asanRuns.Max(r => r.ExecsPerSecond).ToString("N0", Invariant)}).");
        text.AppendLine("exec/s is afl-fuzz's own `execs_per_sec` (fuzzer_stats: executions over its whole run time, calibration included). Context switches");
        text.AppendLine("are counted (`/usr/bin/time -v`) only where afl-fuzz was started directly: afl-fuzz and every process it waited for.");
        text.AppendLine("The asan variant is the only one with ASan; in-process with ASan is not possible (the harness's process has no ASan runtime).");
        text.AppendLine();
        text.AppendLine("## The issue's targets");
        text.AppendLine();
        var asanRatio = asanMedian / trivial.ExecsPerSecond;
        text.AppendLine($"- **fast variant ≥ 75 % of the trivial target: {(ratio >= FastFractionOfTrivial ? "met" : "not met")}** — " +
            $"{fast.ExecsPerSecond.ToString("N0", Invariant)} / {trivial.ExecsPerSecond.ToString("N0", Invariant)} = {(ratio * 100).ToString("0", Invariant)} %.");
        text.AppendLine($"- **asan variant ≥ 10,000 exec/s: {(asanMedian >= AsanExecsPerSecond ? "met" : "not met")}** — median {asanMedian.ToString("N0", Invariant)} exec/s.");
        text.AppendLine($"- **asan variant ≥ 25 % of the trivial target: {(asanRatio >= AsanFractionOfTrivial ? "met" : "not met")}** — " +
            $"{asanMedian.ToString("N0", Invariant)} / {trivial.ExecsPerSecond.ToString("N0", Invariant)} = {(asanRatio * 100).ToString("0", Invariant)} %.");
        var unstable = new[] { fast, socketCov }.Concat(asanRuns).Where(r => StabilityPercent(r) < Stability).ToArray();
        text.AppendLine($"- **AFL++ stability ≥ 95 % for every variant: {(unstable.Length == 0 ? "met" : "not met")}**" +
            (unstable.Length == 0 ? "." : $" — below it: {string.Join(", ", unstable.Select(r => $"{r.Name} {r.Stability}"))}."));
        if (empty.ExecsPerSecond > trivial.ExecsPerSecond)
        {
            text.AppendLine($"- The trivial native target is not this machine's ceiling: the empty SharpFuzz target ran {(empty.ExecsPerSecond / trivial.ExecsPerSecond).ToString("0.0", Invariant)}× faster " +
                $"({empty.ExecsPerSecond.ToString("N0", Invariant)} exec/s). AFL++'s persistent mode stops and resumes the target's child with signals each run, on top of the fork server's pipe" +
                (trivial.SwitchesPerExec is { } ts && empty.SwitchesPerExec is { } es
                    ? $" — {ts.ToString("0.0", Invariant)} context switches per execution against {es.ToString("0.0", Invariant)} for SharpFuzz's loop, which only exchanges pipe messages."
                    : "."));
            text.AppendLine($"  Against the empty SharpFuzz target, the fast variant reaches {(fast.ExecsPerSecond / empty.ExecsPerSecond * 100).ToString("0", Invariant)} %.");
        }
        text.AppendLine();
        WhatLimits(text, trivial, empty, fast, socketCov, asanMedian, work, socketWork, managed);
        text.AppendLine($"## Time to first finding, `fuzz --variant asan`, {runs} × {seconds} s");
        text.AppendLine();
        text.AppendLine("Per finding signature. *Campaign*: `firstSeen − startedAt` of its finding folder — the campaign's clock starts before the");
        text.AppendLine("spec's seeds are triaged, and a folder is written after the finding is minimized. *Found by*: the input that first showed it");
        text.AppendLine("(a seed, before afl-fuzz starts, or an afl-fuzz crash input). *Fuzzer*: when afl-fuzz itself first saved a crash input with that");
        text.AppendLine("signature (its `time:` field, from afl-fuzz's start; each crash input classified on the ASan build like triage does). A seed");
        text.AppendLine("that already fails is moved out of afl-fuzz's corpus, so the fuzzer column is the fuzzer finding the path again on its own.");
        text.AppendLine();
        text.AppendLine("| signature | known | found in | campaign, s (per run) | median | found by | fuzzer, s (per run) | median |");
        text.AppendLine("|---|---|---:|---|---:|---|---|---:|");
        foreach (var path in firstFindings)
            text.AppendLine($"| `{Cell(path.Signature)}` | {(path.Known ? "yes" : "no")} | {path.FoundIn}/{runs} | {Seconds(path.CampaignSeconds)} | {Seconds(path.CampaignMedian)} | " +
                $"{FirstFinder(path.FoundBy)} | {Seconds(path.FuzzerSeconds)} | {Seconds(path.FuzzerMedian)} |");
        text.AppendLine();
        var bySeed = firstFindings.Where(p => p.FoundBy.All(b => b.StartsWith("seed", StringComparison.Ordinal) || b == "—")).Select(p => $"`{p.Signature}`").ToArray();
        var byFuzzer = firstFindings.Where(p => p.FoundBy.Any(b => b == "afl-fuzz")).Select(p => $"`{p.Signature}`").ToArray();
        if (bySeed.Length > 0)
            text.AppendLine($"First shown by a seed generated from the spec in every run that found it: {string.Join(", ", bySeed)}. For these the campaign " +
                "column measures seed triage and minimization, not search; the fuzzer column is the search.");
        if (byFuzzer.Length > 0)
            text.AppendLine($"First shown by an afl-fuzz input (no seed shows it): {string.Join(", ", byFuzzer)}.");
        text.AppendLine();
        return text.ToString();
    }

    static void WhatLimits(StringBuilder text, Rate trivial, Rate empty, Rate fast, Rate socketCov, double asanMedian,
        Dictionary<string, (double Microseconds, int Inputs, ExecProfile Profile)> work, Dictionary<string, ExecProfile> socketWork,
        ManagedSummary.Document? managed)
    {
        text.AppendLine("## What limits it");
        text.AppendLine();
        text.AppendLine("An execution under afl-fuzz is afl-fuzz's own work and SharpFuzz's fork-server loop — together, the empty SharpFuzz");
        text.AppendLine("target's time per execution — plus the target's work, `FuzzTarget.Execute`: decode, reset the dext, run and judge the");
        text.AppendLine("program, close, check live objects. *Target's share* is the difference of the two measured rates. *On the queue*: the");
        text.AppendLine("target's work timed here outside afl-fuzz, with the campaign's build and a coverage map attached, over that campaign's");
        text.AppendLine("final queue (median of 5 passes, pinned to CPU 0 like the campaigns). The queue keeps only the inputs that found new");
        text.AppendLine("coverage — it is not a sample of what afl-fuzz executes — and the harness assembly timed here is not SharpFuzz-instrumented,");
        text.AppendLine("so this time can differ from the target's share either way; it gives the composition of the target's work below, not its size.");
        text.AppendLine("The CLI variants (fast, asan) also triage crash inputs beside afl-fuzz, on an ASan dexthost that is not pinned.");
        text.AppendLine();
        text.AppendLine("| variant | µs per exec under afl-fuzz | empty SharpFuzz loop, µs | target's share, µs | on the queue, µs | queue inputs | steps per queue input |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        var loop = empty.MicrosecondsPerExec;
        var perExec = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["fast"] = fast.MicrosecondsPerExec, ["socket-cov"] = socketCov.MicrosecondsPerExec, ["asan"] = 1e6 / asanMedian,
        };
        foreach (var (variant, microseconds) in perExec)
        {
            var w = work[variant];
            text.AppendLine($"| {variant} | {microseconds:0.0} | {loop:0.0} | {microseconds - loop:0.0} | {w.Microseconds:0.0} | {w.Inputs} | {w.Profile.Steps:0.0} |");
        }
        text.AppendLine($"| (trivial native target) | {trivial.MicrosecondsPerExec:0.0} | | | | | |");
        text.AppendLine();
        if (managed is null)
        {
            text.AppendLine("(No `fuzz-managed/summary.json`: run `bench/fuzz/managed-bench.sh` first to split the target's work by transport operation.)");
            text.AppendLine();
            return;
        }
        // In-process every operation is a function call, priced with StepCostBenchmark's medians; on
        // the socket a program is one RunProgram exchange, timed directly.
        text.AppendLine("The target's work by transport operation. **fast** (in-process): operations per execution counted on its queue through");
        text.AppendLine($"the transport interface, priced with the BenchmarkDotNet medians of `StepCostBenchmark` ({BenchTransport.InProcessRelease}, `fuzz-managed/summary.json`);");
        text.AppendLine("the unpriced rest is decoding, the runner and the oracle, and the cov build's edge counting. **socket-cov, asan**: the same queue");
        text.AppendLine("run through the variant's own dexthost with every operation timed (after a warm-up pass; no coverage map attached, so the");
        text.AppendLine("native edge counting is not in it). A program is one `RunProgram` exchange: the host makes every operation of the program");
        text.AppendLine("(its dext calls, under ASan for asan) and answers with all of them; the other operations are the runner's requests answered");
        text.AppendLine("from that record (no exchange); *exchanges* counts the round trips (SocketTransport.Exchanges), host restarts included.");
        text.AppendLine();
        text.AppendLine("| variant | operation | per exec | µs each | µs per exec | share of target work |");
        text.AppendLine("|---|---|---:|---:|---:|---:|");
        var summaries = new List<string>();
        {
            var w = work["fast"];
            var shares = ExecPricing.Price(w.Profile, managed, BenchTransport.InProcessRelease.ToString());
            foreach (var share in shares)
                text.AppendLine($"| fast | {share.Operation} | {share.PerExec:0.00} | {share.NanosecondsEach / 1000:0.00} | {share.NanosecondsPerExec / 1000:0.0} | {Percent(share.NanosecondsPerExec / 1000, w.Microseconds)} |");
            var priced = shares.Sum(s => s.NanosecondsPerExec) / 1000;
            text.AppendLine($"| fast | *rest: decode, runner, oracle, cov* | | | {w.Microseconds - priced:0.0} | {Percent(w.Microseconds - priced, w.Microseconds)} |");
            var top = shares.Take(2).Select(t => $"{t.Operation} {Percent(t.NanosecondsPerExec / 1000, w.Microseconds)} ({t.PerExec:0.0} per execution)");
            summaries.Add($"- **fast**: {perExec["fast"]:0.0} µs per execution = afl-fuzz and SharpFuzz's loop {loop:0.0} µs ({Percent(loop, perExec["fast"])})" +
                $" + the target {perExec["fast"] - loop:0.0} µs ({Percent(perExec["fast"] - loop, perExec["fast"])}). Of the target's work on the queue, " +
                $"calls into the dext library take {Percent(priced, w.Microseconds)}, largest {string.Join(" and ", top)}; the managed rest (decode, runner, oracle) and the cov build's edge counting {Percent(w.Microseconds - priced, w.Microseconds)}.");
        }
        foreach (var variant in new[] { "socket-cov", "asan" })
        {
            if (!socketWork.TryGetValue(variant, out var profile)) continue;
            var total = profile.MicrosecondsPerExec;
            var timed = profile.MicrosecondsByOperation.OrderByDescending(t => t.Value).ToArray();
            foreach (var (operation, microseconds) in timed)
            {
                var count = profile.OperationsPerExec.GetValueOrDefault(operation);
                text.AppendLine($"| {variant} | {operation}{(operation == "RunProgram" ? " (one exchange: the host runs the program)" : "")} | {count:0.00} | {(count > 0 ? microseconds / count : 0):0.00} | {microseconds:0.0} | {Percent(microseconds, total)} |");
            }
            var inOperations = timed.Sum(t => t.Value);
            text.AppendLine($"| {variant} | *rest: decode, runner, oracle* | | | {total - inOperations:0.0} | {Percent(total - inOperations, total)} |");
            var host = profile.MicrosecondsByOperation.GetValueOrDefault("RunProgram");
            summaries.Add($"- **{variant}**: {perExec[variant]:0.0} µs per execution = afl-fuzz and SharpFuzz's loop {loop:0.0} µs ({Percent(loop, perExec[variant])})" +
                $" + the target {perExec[variant] - loop:0.0} µs ({Percent(perExec[variant] - loop, perExec[variant])}). On the queue through dexthost, {total:0.0} µs per execution, " +
                $"{profile.ExchangesPerExec ?? 0:0.00} exchanges per execution: the host running the program (RunProgram) takes {Percent(host, total)}, " +
                $"the harness replaying and judging it {Percent(total - host, total)}.");
        }
        text.AppendLine();
        text.AppendLine("In short:");
        text.AppendLine();
        foreach (var line in summaries) text.AppendLine(line);
        text.AppendLine();
        var decode = managed.Median("DecodeBenchmark.Decode");
        if (decode is { } d)
            text.AppendLine($"BenchmarkDotNet on the seed workload ({managed.WorkloadInputs} passing seeds, {managed.WorkloadMeanSteps:0.0} steps each; load {managed.LoadBefore} → {managed.LoadAfter}): " +
                $"decoding {d / 1000:0.00} µs per input; `ProgramRunner.Run` {string.Join(", ", BenchTransport.All.Select(t => $"{Micro(managed.Median("RunBenchmark.Run", t.ToString()))} µs {t}"))}; " +
                $"`FuzzTarget.Execute` {Micro(managed.Median("FuzzTargetBenchmark.Execute", "fast"))} µs fast, {Micro(managed.Median("FuzzTargetBenchmark.Execute", "socket-cov"))} µs socket-cov, " +
                $"{Micro(managed.Median("FuzzTargetBenchmark.Execute", "asan"))} µs asan (BenchmarkDotNet's reports: local `build/bench/fuzz-managed/results/`).");
        text.AppendLine();
        if (managed.Median("CrashBenchmark.Run") is { } crash)
        {
            text.AppendLine($"A crash on the asan build (`CrashBenchmark`: NullDriver's heap-buffer-overflow, its report symbolized by the harness, and the fresh " +
                $"booted copy of dexthost the next program is served by — dexthost forks a copy per connection, `dext/host/PROTOCOL.md` \"Fork server\"): {crash / 1e6:0.00} ms.");
            text.AppendLine();
        }
    }

    /// <summary>AFL++'s "95.59%" as a number (0 when it did not say).</summary>
    static double StabilityPercent(Rate rate) =>
        double.TryParse(rate.Stability.TrimEnd('%'), NumberStyles.Float, Invariant, out var percent) ? percent : 0;

    /// <summary>A pipe ends a table cell even inside a code span, unless escaped (GitHub markdown).</summary>
    static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    static string Percent(double part, double whole) => whole > 0 ? $"{part / whole * 100:0} %" : "—";

    static string Micro(double? nanoseconds) => nanoseconds is { } ns ? (ns / 1000).ToString("0.0", Invariant) : "—";

    static string Seconds(double?[] values) => string.Join(", ", values.Select(v => v is { } s ? s.ToString("0.0", Invariant) : "—"));

    static string Seconds(double? value) => value is { } s ? s.ToString("0.0", Invariant) : "—";
}

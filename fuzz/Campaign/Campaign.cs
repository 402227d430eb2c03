using System.Diagnostics;
using ConformanceKit.Fuzz.Afl;
using ConformanceKit.Fuzz.Status;
using ConformanceKit.Fuzz.Triage;
using ConformanceKit.Targets;
using ConformanceKit.Transports;
using Spectre.Console;

namespace ConformanceKit.Fuzz;

/// <summary>
/// A fuzz campaign: build what the target needs, start the afl-fuzz instances, show their progress,
/// triage crash inputs while they run and once more at the end, and report the figures.
/// Layout of OUT (documented in the README): afl/ (AFL++'s sync dir: afl-whatsup works on it),
/// seeds/, dictionary.dict, triage/ (every crash input, persisted first), findings/, logs/, campaign.json.
/// </summary>
public sealed class Campaign(CampaignOptions options, IAnsiConsole console)
{
    /// <summary>How long afl-fuzz may take to start (runtime, dext, calibration) beyond the budget.</summary>
    static readonly TimeSpan StartAllowance = TimeSpan.FromSeconds(90);
    static readonly TimeSpan TriageInterval = TimeSpan.FromSeconds(2);

    public CampaignResult Run()
    {
        PrepareOutput();
        console.MarkupLine($"[grey]building {Markup.Escape(options.Target.Name)} ({options.Variant.Build().Name()}, asan for triage) and the fuzz target[/]");
        options.Target.Build(options.Variant.Build());
        options.Target.Build(DextVariant.Asan);
        TargetBuild.Prepare(Console.Error);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var instances = new List<AflInstance>();
        using var triager = new Triager(options, new Transports.Socket.SocketTransport(options.Target.HostPath(DextVariant.Asan), options.CallTimeout));
        var collector = new CrashCollector(options);
        var crashInputs = options.Resume && Directory.Exists(options.SeedDirectory) ? 0 : WriteSeeds(triager);
        if (Directory.GetFiles(options.SeedDirectory).Length == 0)
        {
            // Findings are the result, not a setup error: they are written, and so is the campaign.
            console.MarkupLine($"[yellow]every seed of {Markup.Escape(options.Spec.Dext)}, down to a bare open and close, breaks a rule: nothing is left for afl-fuzz to start from; the findings are in {Markup.Escape(options.FindingsDirectory)}[/]");
            return Finish(triager, started, clock, crashInputs);
        }
        try
        {
            var cores = Environment.ProcessorCount;
            for (var k = 0; k < options.Jobs; k++)
                instances.Add(AflInstance.Start(options, k, options.Pin ? k % cores : null));

            var deadline = options.Duration + StartAllowance;
            var lastTriage = TimeSpan.Zero;
            void Tick(Action<IReadOnlyList<FuzzerStats>> show)
            {
                while (clock.Elapsed < deadline && instances.Any(i => !i.HasExited))
                {
                    Thread.Sleep(500);
                    if (clock.Elapsed - lastTriage >= TriageInterval)
                    {
                        crashInputs += TriageOnce(collector, triager);
                        lastTriage = clock.Elapsed;
                    }
                    show(ReadStats());
                }
            }

            if (console.Profile.Capabilities.Interactive)
            {
                console.Live(CampaignStatus.Render(options.Spec.Dext, TimeSpan.Zero, options.Duration, [], triager.Findings))
                    .Start(live => Tick(stats =>
                    {
                        live.UpdateTarget(CampaignStatus.Render(options.Spec.Dext, clock.Elapsed, options.Duration, stats, triager.Findings));
                    }));
            }
            else
            {
                var lastLine = TimeSpan.Zero;
                Tick(stats =>
                {
                    if (clock.Elapsed - lastLine < TimeSpan.FromSeconds(10)) return;
                    lastLine = clock.Elapsed;
                    console.WriteLine(CampaignStatus.Line(clock.Elapsed, stats, triager.Findings.Count));
                });
            }
            foreach (var instance in instances) instance.Stop(TimeSpan.FromSeconds(20));
            FailIfNoInstanceRan(instances);
        }
        finally
        {
            foreach (var instance in instances) instance.Dispose();
        }
        crashInputs += TriageOnce(collector, triager);
        return Finish(triager, started, clock, crashInputs);
    }

    CampaignResult Finish(Triager triager, DateTimeOffset started, Stopwatch clock, int crashInputs)
    {
        var findings = triager.Findings.Values
            .Select(folder => (Record: FindingFolder.Read(Path.Combine(folder, "finding.json")), Folder: folder))
            .Where(f => f.Record is not null)
            .Select(f => (f.Record!, f.Folder))
            .OrderBy(f => f.Item1.Signature, StringComparer.Ordinal)
            .ToArray();
        var result = new CampaignResult(options.Spec.Dext, options.Variant, options.Jobs, started, clock.Elapsed, ReadStats(), findings,
            crashInputs, triager.Unreproduced);
        CampaignFile.Write(Path.Combine(options.OutputDirectory, "campaign.json"), result);
        return result;
    }

    void PrepareOutput()
    {
        if (options.Fresh && !options.Resume && Directory.Exists(options.OutputDirectory) && Directory.EnumerateFileSystemEntries(options.OutputDirectory).Any())
        {
            // A new campaign never costs an old one its findings or corpus: the old folder is moved aside, whole.
            var previous = options.PreviousDirectory(DateTimeOffset.UtcNow);
            Directory.CreateDirectory(Path.GetDirectoryName(previous)!);
            Directory.Move(options.OutputDirectory, previous);
            console.MarkupLine($"[grey]the earlier campaign in {Markup.Escape(options.OutputDirectory)} is now in {Markup.Escape(previous)}[/]");
        }
        var main = Path.Combine(options.AflDirectory, AflInstance.InstanceName(0));
        if (Directory.Exists(main) && !options.Resume)
            throw new FuzzSetupException($"{options.OutputDirectory} already holds a campaign: pass --resume to continue it, --fresh to move it aside and start anew, or another --out");
        Directory.CreateDirectory(options.OutputDirectory);
        Directory.CreateDirectory(options.TriageDirectory);
        Directory.CreateDirectory(options.FindingsDirectory);
    }

    /// <summary>
    /// Writes the seeds and the dictionary, then runs every seed once: a seed that already breaks a rule
    /// is a finding now, and moves to OUT/seeds-failing/ (afl-fuzz would skip it without a trace).
    /// When every seed breaks a rule, the plainest program — open and close — is tried as the one
    /// seed, so that deeper bugs behind the first are still looked for. Returns how many seeds failed.
    /// </summary>
    int WriteSeeds(Triager triager)
    {
        CorpusFiles.Write(options);
        var count = FailingSeeds(triager);
        if (Directory.GetFiles(options.SeedDirectory).Length == 0)
        {
            File.WriteAllBytes(Path.Combine(options.SeedDirectory, CorpusFiles.FallbackSeedName), CorpusFiles.FallbackSeed);
            count += FailingSeeds(triager);
        }
        return count;
    }

    int FailingSeeds(Triager triager)
    {
        var failing = Path.Combine(options.OutputDirectory, "seeds-failing");
        var count = 0;
        foreach (var seed in Directory.GetFiles(options.SeedDirectory).Order(StringComparer.Ordinal))
        {
            if (!triager.Classify(new CrashInput("seeds", "seed", seed, seed))) continue;
            Directory.CreateDirectory(failing);
            File.Move(seed, Path.Combine(failing, Path.GetFileName(seed)), overwrite: true);
            count++;
        }
        return count;
    }

    int TriageOnce(CrashCollector collector, Triager triager)
    {
        var inputs = collector.Collect();
        foreach (var input in inputs) triager.Process(input);
        return inputs.Count;
    }

    IReadOnlyList<FuzzerStats> ReadStats()
    {
        if (!Directory.Exists(options.AflDirectory)) return [];
        return Directory.GetDirectories(options.AflDirectory).Order(StringComparer.Ordinal)
            .Select(FuzzerStats.Read).Where(s => s is not null).Select(s => s!).ToArray();
    }

    /// <summary>An afl-fuzz that never got to fuzz (bad target, no seeds) left its reason in its log.</summary>
    void FailIfNoInstanceRan(List<AflInstance> instances)
    {
        if (ReadStats().Any(s => s.Execs > 0)) return;
        var instance = instances[0];
        var reason = File.Exists(instance.LogPath)
            ? File.ReadLines(instance.LogPath).LastOrDefault(l => l.Contains("PROGRAM ABORT", StringComparison.Ordinal) || l.Contains("error", StringComparison.OrdinalIgnoreCase))
            : null;
        throw new FuzzSetupException($"afl-fuzz did not run the target: {(reason ?? $"exit {(instance.HasExited ? instance.ExitCode : -1)}").Trim()} (log: {instance.LogPath})");
    }
}

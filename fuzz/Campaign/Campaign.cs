using System.Diagnostics;
using System.Runtime.ExceptionServices;
using ConformanceKit.Contracts.Campaigns;
using ConformanceKit.Contracts.Findings;
using ConformanceKit.Fuzz.Afl;
using ConformanceKit.Fuzz.Status;
using ConformanceKit.Fuzz.Triage;
using ConformanceKit.Targets;
using ConformanceKit.Transports.Socket;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ConformanceKit.Fuzz;

/// <summary>
/// A fuzz campaign: build what the target needs, start the afl-fuzz instances, show their progress,
/// triage crash inputs while they run and after, and report the figures.
/// Layout of OUT (documented in the README): afl/ (AFL++'s sync dir: afl-whatsup works on it),
/// seeds/, dictionary.dict, triage/ (every crash input, persisted first, and the triage queue),
/// known/ (the first input of each known finding the targets ran into, and their tallies),
/// findings/, logs/, campaign.json, .campaign.lock.
/// <para>
/// Guarantees. One campaign per OUT: <see cref="CampaignLock"/> is held for the whole run. Time:
/// --time is wall-clock time from the end of the builds — afl-fuzz is stopped when it is spent (or,
/// when afl-fuzz has not run its first input by then, as soon as it has, at most
/// <see cref="StartAllowance"/> later), and triage, which runs beside afl-fuzz on its own thread, goes
/// on afterwards only for <see cref="CampaignOptions.TriageGrace"/>; what is still queued then stays
/// in OUT/triage/inputs, counted as untriaged, for `conformancekit triage` or `fuzz --resume`. Stop:
/// cancelling the token (SIGINT, SIGTERM) stops afl-fuzz (SIGINT, then SIGKILL to its process
/// group after <see cref="StopGrace"/>), kills every process of the campaign that is left
/// (<see cref="CampaignProcesses"/>) and the triage's dexthost, leaves the input being triaged queued,
/// and still writes campaign.json.
/// </para>
/// </summary>
public sealed class Campaign(CampaignOptions options, IAnsiConsole console)
{
    /// <summary>How long afl-fuzz may take to run its first input (runtime, dext, calibration) beyond the budget.</summary>
    public static readonly TimeSpan StartAllowance = TimeSpan.FromSeconds(90);

    /// <summary>How long afl-fuzz has to exit after SIGINT (and after its targets are gone) before its process group is killed.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    /// <summary>How long afl-fuzz has, after SIGINT, to kill its fork server by itself before the campaign kills what is left.</summary>
    static readonly TimeSpan SigIntSettle = TimeSpan.FromSeconds(1);

    static readonly TimeSpan SweepPatience = TimeSpan.FromSeconds(10);
    static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(500);
    static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(10);

    /// <summary>
    /// What can be checked about OUT before anything is created, moved or built: no running campaign
    /// holds it, --resume finds a campaign (of the same dext) there, a new campaign does not overwrite
    /// one. <see cref="Run"/> checks again under the lock.
    /// </summary>
    /// <exception cref="FuzzSetupException">one line saying why.</exception>
    public static void CheckOutput(CampaignOptions options)
    {
        var output = options.OutputDirectory;
        CampaignLock.ThrowIfHeld(output);
        var holds = CampaignOptions.HoldsCampaign(output);
        if (options.Resume)
        {
            if (!holds)
                throw new FuzzSetupException($"--resume: {output} holds no campaign to resume (no campaign.json, no afl/main); start one without --resume");
            if (CampaignFile.ReadIn(output)?.Dext is { } dext && dext != options.Spec.Dext)
                throw new FuzzSetupException($"--resume: the campaign in {output} fuzzes {dext}, not {options.Spec.Dext}; pass its --dext");
        }
        else if (holds && !options.Fresh)
        {
            throw AlreadyHolds(output);
        }
    }

    /// <summary>What `conformancekit triage` checks before anything: no running campaign holds OUT, and OUT holds one.</summary>
    /// <exception cref="FuzzSetupException">one line saying why.</exception>
    public static void CheckTriageOutput(string outputDirectory)
    {
        CampaignLock.ThrowIfHeld(outputDirectory);
        if (!CampaignOptions.HoldsCampaign(outputDirectory) && !Directory.Exists(Path.Combine(outputDirectory, "triage", "inputs")))
            throw new FuzzSetupException($"{outputDirectory} holds no campaign (no campaign.json, no afl/main, no triage/inputs): nothing to triage");
    }

    public CampaignResult Run() => Run(CancellationToken.None);

    public CampaignResult Run(CancellationToken cancel)
    {
        _ = AflTools.FuzzerPath; // a missing afl-fuzz is a setup error before anything is created
        CheckOutput(options);
        using var hold = PrepareOutput();
        console.MarkupLine($"[grey]building {Markup.Escape(options.Target.Name)} ({options.Variant.Build().Name()}, asan for triage) and the fuzz target[/]");
        if (!Build(cancel, fuzzing: true)) return NotStarted();

        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var queue = new TriageQueue(options);
        var collector = new CrashCollector(options);
        using var triager = new Triager(options, new SocketTransport(options.Target.HostPath(DextVariant.Asan), options.CallTimeout));
        using var worker = new TriageWorker(triager, queue, collector, clock, fuzzing: true);
        using var onCancel = cancel.Register(worker.Abort);
        // From here on OUT holds a campaign, whatever happens next.
        CampaignRecords.Write(Result(started, clock, queue, interrupted: false, fuzzingEnded: null), options);

        var resumingAfl = options.Resume && Directory.Exists(Path.Combine(options.AflDirectory, AflInstance.InstanceName(0), "queue"));
        if (!resumingAfl)
        {
            try
            {
                WriteSeeds(triager, queue);
            }
            catch (TriageStoppedException)
            {
                return Finish(started, clock, queue, cancel, fuzzingEnded: null, worker);
            }
            if (Directory.GetFiles(options.SeedDirectory).Length == 0)
            {
                // Findings are the result, not a setup error: they are written, and so is the campaign.
                console.MarkupLine($"[yellow]every seed of {Markup.Escape(options.Spec.Dext)}, down to a bare open and close, breaks a rule: nothing is left for afl-fuzz to start from; the findings are in {Markup.Escape(options.FindingsDirectory)}[/]");
                worker.EndFuzzing(options.Duration + options.TriageGrace);
                worker.Start();
                Watch(clock, worker, triager, cancel, fuzzStep: null, options.Duration);
                return Finish(started, clock, queue, cancel, fuzzingEnded: null, worker);
            }
        }
        if (cancel.IsCancellationRequested) return Finish(started, clock, queue, cancel, fuzzingEnded: null, worker);

        var instances = new List<AflInstance>();
        DateTimeOffset? fuzzingEnded = null;
        try
        {
            var cores = Environment.ProcessorCount;
            for (var k = 0; k < options.Jobs; k++)
                instances.Add(AflInstance.Start(options, k, options.Pin ? k % cores : null, options.Duration - clock.Elapsed));
            worker.Start();

            bool FuzzStep()
            {
                var spent = clock.Elapsed >= options.Duration &&
                            (instances.Any(i => i.HasStartedFuzzing()) || clock.Elapsed >= options.Duration + StartAllowance);
                if (!cancel.IsCancellationRequested && !spent && !instances.All(i => i.HasExited)) return true;
                StopInstances(instances);
                fuzzingEnded = DateTimeOffset.UtcNow;
                if (!cancel.IsCancellationRequested) FailIfNoInstanceRan(instances);
                worker.EndFuzzing((clock.Elapsed > options.Duration ? clock.Elapsed : options.Duration) + options.TriageGrace);
                return false;
            }

            Watch(clock, worker, triager, cancel, FuzzStep, options.Duration);
        }
        finally
        {
            foreach (var instance in instances) instance.Dispose();
            if (instances.Count > 0) CampaignProcesses.KillAll(options.OutputDirectory, SweepPatience);
        }
        return Finish(started, clock, queue, cancel, fuzzingEnded, worker);
    }

    /// <summary>
    /// `conformancekit triage`: triages the inputs a campaign left queued (and any afl-fuzz saved that it
    /// had not collected), within <see cref="CampaignOptions.Duration"/> when <paramref name="limited"/>,
    /// and updates campaign.json. The campaign's own figures (start, duration, execs) stay as they were.
    /// </summary>
    public CampaignResult Triage(bool limited, CancellationToken cancel)
    {
        CheckTriageOutput(options.OutputDirectory);
        using var hold = CampaignLock.Take(options.OutputDirectory);
        var saved = CampaignFile.ReadIn(options.OutputDirectory);
        console.MarkupLine($"[grey]building {Markup.Escape(options.Target.Name)} (asan, for triage)[/]");
        if (!Build(cancel, fuzzing: false)) return NotStarted();

        var clock = Stopwatch.StartNew();
        var queue = new TriageQueue(options);
        var collector = new CrashCollector(options);
        using var triager = new Triager(options, new SocketTransport(options.Target.HostPath(DextVariant.Asan), options.CallTimeout));
        using var worker = new TriageWorker(triager, queue, collector, clock, fuzzing: false);
        using var onCancel = cancel.Register(worker.Abort);
        if (limited) worker.EndFuzzing(options.Duration);
        console.MarkupLine($"[grey]triaging the queued input(s) of {Markup.Escape(options.OutputDirectory)}{(limited ? $" within {options.Duration.TotalSeconds:0} s" : "")}[/]");
        worker.Start();
        Watch(clock, worker, triager, cancel, fuzzStep: null, limited ? options.Duration : null);

        var started = saved?.StartTime ?? DateTimeOffset.UtcNow;
        var elapsed = TimeSpan.FromSeconds(saved?.DurationSeconds ?? 0);
        var result = new CampaignResult(options.Spec.Dext, options.Variant, options.Jobs, started, elapsed, ReadStats(), ReadFindings(),
            queue.Total, queue.Unreproduced, queue.Pending, saved?.Interrupted ?? false, KnownHits: KnownHitsFile.Sum(options.KnownDirectory));
        CampaignRecords.Write(result, options);
        if (worker.Failure is { } failure) ExceptionDispatchInfo.Capture(failure).Throw();
        return result with { Interrupted = cancel.IsCancellationRequested };
    }

    /// <summary>Interrupted before the campaign started (during the builds): nothing to write.</summary>
    CampaignResult NotStarted() =>
        new(options.Spec.Dext, options.Variant, options.Jobs, DateTimeOffset.UtcNow, TimeSpan.Zero, ReadStats(), ReadFindings(), 0, 0, 0, Interrupted: true, Started: false,
            KnownHits: KnownHitsFile.Sum(options.KnownDirectory));

    CampaignResult Result(DateTimeOffset started, Stopwatch clock, TriageQueue queue, bool interrupted, DateTimeOffset? fuzzingEnded) =>
        new(options.Spec.Dext, options.Variant, options.Jobs, started, clock.Elapsed, ReadStats(), ReadFindings(),
            queue.Total, queue.Unreproduced, queue.Pending, interrupted, fuzzingEnded, KnownHits: KnownHitsFile.Sum(options.KnownDirectory));

    CampaignResult Finish(DateTimeOffset started, Stopwatch clock, TriageQueue queue, CancellationToken cancel, DateTimeOffset? fuzzingEnded, TriageWorker worker)
    {
        var result = Result(started, clock, queue, cancel.IsCancellationRequested, fuzzingEnded);
        CampaignRecords.Write(result, options);
        if (worker.Failure is { } failure) ExceptionDispatchInfo.Capture(failure).Throw();
        return result;
    }

    /// <summary>The builds; false when a signal arrived meanwhile (a build the terminal's Ctrl-C broke off included).</summary>
    bool Build(CancellationToken cancel, bool fuzzing)
    {
        try
        {
            if (fuzzing) options.Target.Build(options.Variant.Build());
            if (cancel.IsCancellationRequested) return false;
            options.Target.Build(DextVariant.Asan);
            if (cancel.IsCancellationRequested) return false;
            if (fuzzing) TargetBuild.Prepare(Console.Error);
            return !cancel.IsCancellationRequested;
        }
        catch (Exception) when (cancel.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// Shows the campaign's progress every half second until fuzzing (<paramref name="fuzzStep"/>, false
    /// when it has ended) and then triage are over: a live table on a terminal, a line every ten
    /// seconds otherwise.
    /// </summary>
    void Watch(Stopwatch clock, TriageWorker worker, Triager triager, CancellationToken cancel, Func<bool>? fuzzStep, TimeSpan? budget)
    {
        var fuzzing = fuzzStep is not null;
        bool Step()
        {
            if (fuzzing)
            {
                cancel.WaitHandle.WaitOne(Tick);
                fuzzing = fuzzStep!();
                return true;
            }
            return !worker.Wait(Tick);
        }
        TriageProgress Progress() => new(worker.Queue.Triaged, worker.Queue.Pending);
        IRenderable View() => CampaignStatus.Render(options.Spec.Dext, clock.Elapsed, budget, ReadStats(), triager.FindingSignatures(), Progress(), fuzzing,
            KnownHitsFile.Sum(options.KnownDirectory));

        if (console.Profile.Capabilities.Interactive)
        {
            console.Live(View()).Start(live =>
            {
                while (Step()) live.UpdateTarget(View());
                live.UpdateTarget(View());
            });
            return;
        }
        var lastLine = TimeSpan.Zero;
        while (Step())
        {
            if (clock.Elapsed - lastLine < LineInterval) continue;
            lastLine = clock.Elapsed;
            console.WriteLine(CampaignStatus.Line(clock.Elapsed, ReadStats(), triager.FindingSignatures().Count, Progress(), KnownHitsFile.Sum(options.KnownDirectory)));
        }
    }

    /// <summary>
    /// Takes OUT's lock, then — under it — moves an earlier campaign aside (--fresh) or refuses to
    /// overwrite it, and creates the folders. Nothing is moved before every option was validated
    /// (the CLI's part) and before the lock shows that no campaign is running there.
    /// </summary>
    CampaignLock PrepareOutput()
    {
        var output = options.OutputDirectory;
        var hold = CampaignLock.Take(output);
        try
        {
            var holds = CampaignOptions.HoldsCampaign(output);
            if (options.Resume && !holds)
                throw new FuzzSetupException($"--resume: {output} holds no campaign to resume (no campaign.json, no afl/main); start one without --resume");
            if (!options.Resume && holds)
            {
                if (!options.Fresh) throw AlreadyHolds(output);
                // A new campaign never costs an old one its findings or corpus: the old folder is moved aside, whole.
                var previous = options.PreviousDirectory(DateTimeOffset.UtcNow);
                Directory.CreateDirectory(Path.GetDirectoryName(previous)!);
                Directory.Move(output, previous);
                var fresh = CampaignLock.Take(output); // the new OUT is locked before the old lock is let go
                hold.Dispose();
                hold = fresh;
                console.MarkupLine($"[grey]the earlier campaign in {Markup.Escape(output)} is now in {Markup.Escape(previous)}[/]");
            }
            Directory.CreateDirectory(options.TriageDirectory);
            Directory.CreateDirectory(options.FindingsDirectory);
            Directory.CreateDirectory(options.KnownDirectory);
            return hold;
        }
        catch
        {
            hold.Dispose();
            throw;
        }
    }

    static FuzzSetupException AlreadyHolds(string output) =>
        new($"{output} already holds a campaign: pass --resume to continue it, --fresh to move it aside and start anew, or another --out");

    /// <summary>
    /// Writes the seeds and the dictionary, then runs every seed once: a seed that already breaks a rule
    /// is queued for triage at once (copied to OUT/triage/inputs); one that breaks a rule the spec does
    /// not list as known also moves to OUT/seeds-failing/ (it would crash the target, and afl-fuzz would
    /// skip it without a trace), while one that shows only known findings stays a seed (the target does
    /// not crash on those). When every seed is moved, the plainest program — open and close — is tried
    /// as the one seed, so that deeper bugs behind the first are still looked for.
    /// </summary>
    /// <exception cref="TriageStoppedException">interrupted.</exception>
    void WriteSeeds(Triager triager, TriageQueue queue)
    {
        CorpusFiles.Write(options);
        QueueFailingSeeds(triager, queue);
        if (Directory.GetFiles(options.SeedDirectory).Length == 0)
        {
            File.WriteAllBytes(Path.Combine(options.SeedDirectory, CorpusFiles.FallbackSeedName), CorpusFiles.FallbackSeed);
            QueueFailingSeeds(triager, queue);
        }
    }

    void QueueFailingSeeds(Triager triager, TriageQueue queue)
    {
        var failing = Path.Combine(options.OutputDirectory, "seeds-failing");
        foreach (var seed in Directory.GetFiles(options.SeedDirectory).Order(StringComparer.Ordinal))
        {
            var verdict = triager.Judge(seed);
            if (verdict == SeedVerdict.Holds) continue;
            // Persisted for triage first, then moved out of afl-fuzz's way when it would crash the target.
            var saved = Path.Combine(options.InputsDirectory, "seed-" + Path.GetFileName(seed));
            File.Copy(seed, saved, overwrite: true);
            queue.Add(saved);
            if (verdict == SeedVerdict.BreaksOnlyKnown) continue;
            Directory.CreateDirectory(failing);
            File.Move(seed, Path.Combine(failing, Path.GetFileName(seed)), overwrite: true);
        }
    }

    /// <summary>
    /// SIGINT to every afl-fuzz; whatever of the campaign is still running a moment later but afl-fuzz
    /// itself — targets, and dexthosts orphaned by afl-fuzz killing their target — is killed: a
    /// dexthost inherits the target's copy of afl-fuzz's fork-server pipes, and afl-fuzz, waiting for
    /// its fork server's answer on them, would not see it gone until its exec timeout. Then each
    /// afl-fuzz gets <see cref="StopGrace"/> to write its stats and exit before its process group is
    /// killed, and anything of the campaign left is killed.
    /// </summary>
    void StopInstances(List<AflInstance> instances)
    {
        foreach (var instance in instances) instance.RequestStop();
        var until = DateTime.UtcNow + SigIntSettle;
        while (DateTime.UtcNow < until && !instances.All(i => i.HasExited)) Thread.Sleep(50);
        if (!instances.All(i => i.HasExited))
            CampaignProcesses.KillAll(options.OutputDirectory, SweepPatience, instances.Select(i => i.ProcessId).ToHashSet());
        foreach (var instance in instances) instance.Stop(StopGrace);
        CampaignProcesses.KillAll(options.OutputDirectory, SweepPatience);
    }

    IReadOnlyList<FuzzerStats> ReadStats()
    {
        if (!Directory.Exists(options.AflDirectory)) return [];
        return Directory.GetDirectories(options.AflDirectory).Order(StringComparer.Ordinal)
            .Select(FuzzerStats.Read).Where(s => s is not null).Select(s => s!).ToArray();
    }

    IReadOnlyList<(FindingFile Record, string Folder)> ReadFindings()
    {
        if (!Directory.Exists(options.FindingsDirectory)) return [];
        return Directory.GetDirectories(options.FindingsDirectory)
            .Select(folder => (Record: FindingFile.TryReadFrom(folder), Folder: folder))
            .Where(f => f.Record is not null)
            .Select(f => (f.Record!, f.Folder))
            .OrderBy(f => f.Item1.Signature, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>An afl-fuzz that never got to fuzz (bad target, no seeds, a resume it refused) left its reason in its log.</summary>
    static void FailIfNoInstanceRan(List<AflInstance> instances)
    {
        if (instances.Any(i => i.HasStartedFuzzing())) return;
        var instance = instances[0];
        var reason = File.Exists(instance.LogPath)
            ? File.ReadLines(instance.LogPath).LastOrDefault(l => l.Contains("PROGRAM ABORT", StringComparison.Ordinal) || l.Contains("error", StringComparison.OrdinalIgnoreCase))
            : null;
        throw new FuzzSetupException($"afl-fuzz did not run the target: {(reason ?? $"exit {(instance.HasExited ? instance.ExitCode : -1)}").Trim()} (log: {instance.LogPath})");
    }
}

using ConformanceKit.Contracts.Findings;
using ConformanceKit.Programs;
using ConformanceKit.Runner;
using ConformanceKit.Transports;

namespace ConformanceKit.Fuzz.Triage;

/// <summary>
/// Turns persisted crash inputs into distinct findings: decode, replay on the ASan build in its own
/// dexthost (so memory errors come with their report whatever variant the campaign fuzzed), classify
/// by signature (rule, selector and, for crashes, the sanitizer's bug type and top frames), and for a
/// signature not seen before shrink the program (calls, then sizes) while it keeps failing the same
/// way, and write its finding folder. An input that does not reproduce is kept and logged.
/// Idempotent per input: OUT/triage/hits.txt records which input counted for which finding, so an
/// input triaged again (its triage was cut short, or the ledger was lost) never adds a hit twice.
/// <see cref="Stopping"/> cuts an input's triage between two dext operations (see <see cref="StoppableTransport"/>).
/// </summary>
public sealed class Triager : IDisposable
{
    readonly CampaignOptions _options;
    readonly StoppableTransport _transport;
    readonly ProgramRunner _runner;
    readonly ProgramDecoder _decoder;
    readonly Dictionary<string, string> _folders = new(StringComparer.Ordinal);
    readonly HashSet<string> _hits = new(StringComparer.Ordinal);
    readonly string _hitsPath;
    readonly string _log;
    volatile Func<bool>? _stopping;

    public Triager(CampaignOptions options, IDextTransport transport)
    {
        _options = options;
        _transport = new StoppableTransport(transport, () => _stopping?.Invoke() == true);
        _runner = new ProgramRunner(options.Spec, _transport, new RunnerOptions(RecordObservations: false));
        _decoder = new ProgramDecoder(options.Spec);
        _log = Path.Combine(options.TriageDirectory, "triage.log");
        _hitsPath = Path.Combine(options.TriageDirectory, "hits.txt");
        Directory.CreateDirectory(options.FindingsDirectory);
        foreach (var folder in Directory.GetDirectories(options.FindingsDirectory))
            if (FindingFile.TryReadFrom(folder) is { } record) _folders[record.Signature] = folder;
        if (File.Exists(_hitsPath))
            foreach (var line in File.ReadAllLines(_hitsPath))
                if (line.Length > 0) _hits.Add(line);
    }

    /// <summary>When it says so, the input being triaged is given up (it stays queued).</summary>
    public Func<bool>? Stopping
    {
        get => _stopping;
        set => _stopping = value;
    }

    /// <summary>Signature → finding folder, for every distinct finding so far (including resumed ones). Read it on the triaging thread, or use <see cref="FindingSignatures"/>.</summary>
    public IReadOnlyDictionary<string, string> Findings => _folders;

    /// <summary>The signatures of the findings so far; safe from any thread.</summary>
    public IReadOnlyList<string> FindingSignatures()
    {
        lock (_folders) return _folders.Keys.Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Inputs of this session that did not reproduce (the campaign's count is <see cref="TriageQueue.Unreproduced"/>).</summary>
    public int Unreproduced { get; private set; }

    /// <summary>The process id of the triage's dexthost right now (null between a crash and the next run).</summary>
    public int? HostProcessId => _transport.Capability<IHostProcess>()?.HostProcessId;

    public TriageOutcome Process(CrashInput input)
    {
        try
        {
            if (Classify(input)) return TriageOutcome.Finding;
        }
        catch (TriageStoppedException)
        {
            Log($"{Path.GetFileName(input.Saved)}: triage stopped before the end (still queued)");
            return TriageOutcome.Abandoned;
        }
        catch (FileNotFoundException)
        {
            Log($"{Path.GetFileName(input.Saved)}: gone from {Path.GetDirectoryName(input.Saved)} (nothing to triage)");
            return TriageOutcome.Unreproduced;
        }
        Unreproduced++;
        Log($"{Path.GetFileName(input.Saved)}: {input.Kind} from {input.Instance} did not reproduce on the ASan build (kept)");
        return TriageOutcome.Unreproduced;
    }

    /// <summary>Runs an input once: whether it breaks a rule, and whether only rules the spec lists as known (<see cref="KnownViolations"/>). Nothing is written.</summary>
    /// <exception cref="TriageStoppedException">stopped meanwhile.</exception>
    public SeedVerdict Judge(string path)
    {
        var violations = _runner.Run(_decoder.Decode(File.ReadAllBytes(path))).Violations;
        if (violations.Count == 0) return SeedVerdict.Holds;
        return KnownViolations.FirstUnknown(_options.Spec, violations) < 0 ? SeedVerdict.BreaksOnlyKnown : SeedVerdict.Breaks;
    }

    /// <summary>
    /// Runs one input and records what it breaks. False when it breaks nothing. Also used on the seeds
    /// before the campaign starts: afl-fuzz skips a seed that crashes without saving it as a crash, so a
    /// finding a seed already shows would otherwise be lost.
    /// </summary>
    /// <exception cref="TriageStoppedException">stopped meanwhile: what was recorded stays (hits are counted once per input), the rest is not.</exception>
    public bool Classify(CrashInput input)
    {
        var bytes = File.ReadAllBytes(input.Saved);
        var program = _decoder.Decode(bytes);
        var result = _runner.Run(program);
        if (result.Violations.Count == 0) return false;
        var dext = _options.Spec.Dext;
        var name = Path.GetFileName(input.Saved);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var k = 0; k < result.Violations.Count; k++)
        {
            var original = Finding.Of(dext, result, k);
            var signature = original.Signature;
            if (!seen.Add(signature)) continue;
            if (_folders.TryGetValue(signature, out var existing))
            {
                // Recorded before it is counted: an input triaged again never counts twice.
                if (RecordHit(existing, name)) FindingFolder.AddHit(existing);
                continue;
            }
            // The first violation and a crash are findings. A later violation is one only when a
            // smaller program shows it first; otherwise it is the first one's consequence and stays
            // with it (a bug that is also its own, like the sample's leak behind a lost completion,
            // is isolated here rather than lost).
            var crash = original.Rule == Oracle.Rules.MemorySafety;
            var finding = k == 0 || crash
                ? FindingShrinker.Shrink(_runner, program, signature) ?? original // a flaky shrink result: keep the original program
                : FindingShrinker.Isolate(_runner, program, signature);
            if (finding is null)
            {
                Log($"{name}: {signature} only follows {result.Violations[0].Rule} (kept as its consequence)");
                continue;
            }
            var folder = FindingFolder.Write(_options.FindingsDirectory, finding, program, input, bytes, _options.Spec, _options.Target);
            RecordHit(folder, name);
            lock (_folders) _folders[signature] = folder;
            Log($"{name}: new finding {signature} ({program.Count} steps → {finding.Program.Count}) in {folder}");
        }
        return true;
    }

    /// <summary>False when this input already counted for this finding.</summary>
    bool RecordHit(string folder, string input)
    {
        var key = $"{Path.GetFileName(folder)}\t{input}";
        if (!_hits.Add(key)) return false;
        File.AppendAllText(_hitsPath, key + "\n");
        return true;
    }

    void Log(string line) => File.AppendAllText(_log, $"{DateTimeOffset.UtcNow:O} {line}\n");

    public void Dispose() => _transport.Dispose();
}

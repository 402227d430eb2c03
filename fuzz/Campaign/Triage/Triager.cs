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
/// </summary>
public sealed class Triager : IDisposable
{
    readonly CampaignOptions _options;
    readonly IDextTransport _transport;
    readonly ProgramRunner _runner;
    readonly ProgramDecoder _decoder;
    readonly Dictionary<string, string> _folders = new(StringComparer.Ordinal);
    readonly string _log;

    public Triager(CampaignOptions options, IDextTransport transport)
    {
        _options = options;
        _transport = transport;
        _runner = new ProgramRunner(options.Spec, transport, new RunnerOptions(RecordObservations: false));
        _decoder = new ProgramDecoder(options.Spec);
        _log = Path.Combine(options.TriageDirectory, "triage.log");
        Directory.CreateDirectory(options.FindingsDirectory);
        foreach (var folder in Directory.GetDirectories(options.FindingsDirectory))
            if (FindingFolder.Read(Path.Combine(folder, "finding.json")) is { } record) _folders[record.Signature] = folder;
    }

    /// <summary>Signature → finding folder, for every distinct finding so far (including resumed ones).</summary>
    public IReadOnlyDictionary<string, string> Findings => _folders;

    public int Unreproduced { get; private set; }

    public void Process(CrashInput input)
    {
        if (!Classify(input))
        {
            Unreproduced++;
            Log($"{Path.GetFileName(input.Saved)}: {input.Kind} from {input.Instance} did not reproduce on the ASan build (kept)");
        }
    }

    /// <summary>
    /// Runs one input and records what it breaks. False when it breaks nothing. Also used on the seeds
    /// before the campaign starts: afl-fuzz skips a seed that crashes without saving it as a crash, so a
    /// finding a seed already shows would otherwise be lost.
    /// </summary>
    public bool Classify(CrashInput input)
    {
        var bytes = File.ReadAllBytes(input.Saved);
        var program = _decoder.Decode(bytes);
        var result = _runner.Run(program);
        if (result.Violations.Count == 0) return false;
        var dext = _options.Spec.Dext;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var k = 0; k < result.Violations.Count; k++)
        {
            var original = Finding.Of(dext, result, k);
            var signature = original.Signature;
            if (!seen.Add(signature)) continue;
            if (_folders.TryGetValue(signature, out var existing))
            {
                FindingFolder.AddHit(existing);
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
                Log($"{Path.GetFileName(input.Saved)}: {signature} only follows {result.Violations[0].Rule} (kept as its consequence)");
                continue;
            }
            var folder = FindingFolder.Write(_options.FindingsDirectory, finding, program, input, bytes, _options.Spec, _options.Target.Directory);
            _folders[signature] = folder;
            Log($"{Path.GetFileName(input.Saved)}: new finding {signature} ({program.Count} steps → {finding.Program.Count}) in {folder}");
        }
        return true;
    }

    void Log(string line) => File.AppendAllText(_log, $"{DateTimeOffset.UtcNow:O} {line}\n");

    public void Dispose() => _transport.Dispose();
}

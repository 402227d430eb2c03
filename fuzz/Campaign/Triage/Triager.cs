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
        var findings = Finding.From(_options.Spec.Dext, _runner.Run(program)).ToArray();
        if (findings.Length == 0) return false;
        foreach (var signature in findings.Select(f => f.Signature).Distinct(StringComparer.Ordinal))
        {
            if (_folders.TryGetValue(signature, out var existing))
            {
                FindingFolder.AddHit(existing);
                continue;
            }
            var finding = FindingShrinker.Shrink(_runner, program, signature)
                ?? findings.First(f => f.Signature == signature); // a flaky shrink result: keep the original program
            var folder = FindingFolder.Write(_options.FindingsDirectory, finding, program, input, bytes, _options.Spec, _options.Target.Directory);
            _folders[signature] = folder;
            Log($"{Path.GetFileName(input.Saved)}: new finding {signature} ({program.Count} steps → {finding.Program.Count}) in {folder}");
        }
        return true;
    }

    void Log(string line) => File.AppendAllText(_log, $"{DateTimeOffset.UtcNow:O} {line}\n");

    public void Dispose() => _transport.Dispose();
}

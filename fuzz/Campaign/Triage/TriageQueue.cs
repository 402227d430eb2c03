namespace ConformanceKit.Fuzz.Triage;

/// <summary>How the triage of one input ended.</summary>
public enum TriageOutcome
{
    /// <summary>It broke a rule: a new finding, or one more hit of a finding already there.</summary>
    Finding,

    /// <summary>It broke nothing on the ASan build (kept, and logged).</summary>
    Unreproduced,

    /// <summary>Stopped before it was done (out of time, or interrupted): it stays queued, nothing of it counts twice.</summary>
    Abandoned,
}

/// <summary>
/// The triage queue of a campaign, on disk: every input in OUT/triage/inputs (crash and hang inputs
/// as collected, seeds that broke a rule) is queued until its triage has finished, which
/// OUT/triage/triaged.txt records ("name TAB outcome", one line per input). An input whose triage
/// was cut short (the budget, Ctrl-C, a kill) has no line and is triaged again by the next
/// `fuzz --resume` or `conformancekit triage`; hits are counted once per input
/// (<see cref="Triager"/>), so that costs nothing twice. Safe to read from one thread while another works it.
/// </summary>
public sealed class TriageQueue
{
    public const string LedgerName = "triaged.txt";

    readonly string _inputs;
    readonly string _ledger;
    readonly object _gate = new();
    readonly Dictionary<string, TriageOutcome> _done = new(StringComparer.Ordinal);
    readonly List<string> _pending = [];
    readonly HashSet<string> _queued = new(StringComparer.Ordinal);

    public TriageQueue(CampaignOptions options)
    {
        _inputs = options.InputsDirectory;
        _ledger = Path.Combine(options.TriageDirectory, LedgerName);
        Directory.CreateDirectory(_inputs);
        if (!File.Exists(_ledger))
        {
            // A campaign from before this ledger triaged every input it collected (collected.txt) at once.
            var legacy = File.Exists(Path.Combine(options.TriageDirectory, "collected.txt"))
                ? Inputs().Select(name => $"{name}\t{TriageOutcome.Finding.ToString().ToLowerInvariant()}\n")
                : [];
            File.WriteAllText(_ledger, string.Concat(legacy));
        }
        foreach (var line in File.ReadAllLines(_ledger))
        {
            var parts = line.Split('\t');
            if (parts[0].Length == 0) continue;
            _done[parts[0]] = parts.Length > 1 && parts[1] == "unreproduced" ? TriageOutcome.Unreproduced : TriageOutcome.Finding;
        }
        foreach (var name in Inputs()) Enqueue(name);
    }

    /// <summary>Queues an input already saved in OUT/triage/inputs (nothing happens when it is queued or triaged already).</summary>
    public void Add(string savedPath) => Enqueue(Path.GetFileName(savedPath));

    /// <summary>The oldest input still to triage, or null.</summary>
    public CrashInput? Next()
    {
        lock (_gate)
        {
            if (_pending.Count == 0) return null;
            var name = _pending[0];
            var path = Path.Combine(_inputs, name);
            var dash = name.IndexOf('-', StringComparison.Ordinal);
            var instance = dash > 0 ? name[..dash] : "?";
            var kind = name.StartsWith("seed-", StringComparison.Ordinal) ? "seed"
                : name.StartsWith("known-", StringComparison.Ordinal) ? "known"
                : name.Contains("-hangs-", StringComparison.Ordinal) ? "hang" : "crash";
            return new CrashInput(instance, kind, path, path);
        }
    }

    /// <summary>Records the end of an input's triage (an abandoned one stays queued).</summary>
    public void Finish(CrashInput input, TriageOutcome outcome)
    {
        if (outcome == TriageOutcome.Abandoned) return;
        var name = Path.GetFileName(input.Saved);
        lock (_gate)
        {
            if (_done.ContainsKey(name)) return;
            File.AppendAllText(_ledger, $"{name}\t{outcome.ToString().ToLowerInvariant()}\n");
            _done[name] = outcome;
            _pending.Remove(name);
            _queued.Remove(name);
        }
    }

    /// <summary>Inputs still to triage.</summary>
    public int Pending { get { lock (_gate) return _pending.Count; } }

    /// <summary>Inputs triaged so far, in this campaign folder.</summary>
    public int Triaged { get { lock (_gate) return _done.Count; } }

    /// <summary>Inputs that did not reproduce on the ASan build.</summary>
    public int Unreproduced { get { lock (_gate) return _done.Values.Count(o => o == TriageOutcome.Unreproduced); } }

    /// <summary>Every input persisted for triage: the campaign's crash inputs (and failing seeds).</summary>
    public int Total { get { lock (_gate) return _done.Count + _pending.Count; } }

    void Enqueue(string name)
    {
        lock (_gate)
        {
            if (_done.ContainsKey(name) || !_queued.Add(name)) return;
            _pending.Add(name);
        }
    }

    IEnumerable<string> Inputs() =>
        Directory.GetFiles(_inputs).Select(Path.GetFileName).Select(n => n!)
            .Where(n => !n.EndsWith(".tmp", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
}

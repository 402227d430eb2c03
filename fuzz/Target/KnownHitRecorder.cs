using System.Diagnostics;
using ConformanceKit.Contracts;
using ConformanceKit.Contracts.Campaigns;
using ConformanceKit.Oracle;
using DextProgram = ConformanceKit.Programs.Program;
using ConformanceKit.Runner;
using ConformanceKit.Spec;

namespace ConformanceKit.Fuzz.Target;

/// <summary>
/// What a fuzz target keeps of the known findings it runs into (<see cref="KnownHitsFile"/>, in
/// OUT/known): the first input of each — written at once, whole, by whichever target gets there first —
/// and this process's tally, rewritten at once when a known finding is first seen and otherwise at
/// most once a second (the last second of counts is lost when afl-fuzz kills the target: the counts
/// are "about", the first inputs are not).
/// </summary>
public sealed class KnownHitRecorder(string folder, string instance, int processId)
{
    static readonly long Interval = Stopwatch.Frequency;
    readonly string _tally = KnownHitsFile.TallyPath(folder, instance, processId);
    readonly Dictionary<string, KnownHit> _hits = new(StringComparer.Ordinal);
    long _lastWrite = Stopwatch.GetTimestamp();
    bool _dirty;

    /// <summary>Counts the run's known violations (each signature once per run) and saves a first input for a finding not seen before.</summary>
    public void Record(DispatchSpec spec, DextProgram program, IReadOnlyList<Violation> violations, ReadOnlySpan<byte> input)
    {
        var first = false;
        foreach (var violation in KnownViolations.Known(spec, violations))
        {
            var finding = new Finding(spec.Dext, violation, program, "", null);
            if (_hits.TryGetValue(finding.Signature, out var hit))
            {
                _hits[finding.Signature] = hit with { Hits = hit.Hits + 1 };
            }
            else
            {
                var name = Path.GetFileName(KnownHitsFile.InputPath(folder, finding.Slug));
                AtomicFile.CreateNew(Path.Combine(folder, name), input.ToArray());
                _hits[finding.Signature] = new KnownHit(violation.Rule, violation.Selector, violation.Kind, finding.Signature, 1, name);
                first = true;
            }
            _dirty = true;
        }
        if (first) Flush();
        else Tick();
    }

    /// <summary>Writes the tally when it changed and a second has passed.</summary>
    public void Tick()
    {
        if (!_dirty || Stopwatch.GetTimestamp() - _lastWrite < Interval) return;
        Flush();
    }

    public void Flush()
    {
        if (!_dirty) return;
        new KnownHitsFile(instance, processId, _hits.Values.OrderBy(h => h.Signature, StringComparer.Ordinal).ToArray()).WriteTo(_tally);
        _lastWrite = Stopwatch.GetTimestamp();
        _dirty = false;
    }
}

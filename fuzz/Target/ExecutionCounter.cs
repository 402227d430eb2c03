using System.Diagnostics;
using System.Globalization;

namespace ConformanceKit.Fuzz.Target;

/// <summary>
/// Counts executions and writes the count to a file about once a second, for the campaign's live
/// status (afl-fuzz's own stats file is refreshed only once a minute). Renamed into place, so the
/// reader never sees half a number. Not ConformanceKit.Contracts' AtomicFile: this runs inside the
/// fuzz target's loop, where its flush to disk every second would cost executions for a number that
/// is only ever read live (and rewritten a second later).
/// </summary>
public sealed class ExecutionCounter(string path)
{
    static readonly long Interval = Stopwatch.Frequency;
    readonly string _temporary = path + ".tmp";
    long _executions;
    long _lastWrite = Stopwatch.GetTimestamp();

    public void Count()
    {
        _executions++;
        var now = Stopwatch.GetTimestamp();
        if (now - _lastWrite < Interval) return;
        _lastWrite = now;
        File.WriteAllText(_temporary, _executions.ToString(CultureInfo.InvariantCulture));
        File.Move(_temporary, path, overwrite: true);
    }
}

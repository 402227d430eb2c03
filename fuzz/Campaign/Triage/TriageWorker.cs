using System.Diagnostics;
using ConformanceKit.Fuzz.Afl;

namespace ConformanceKit.Fuzz.Triage;

/// <summary>
/// Triage on a thread of its own, so that it never holds up the campaign's clock: while afl-fuzz
/// runs, it collects new crash inputs about every two seconds and works through the queue, oldest
/// first; once fuzzing is over (<see cref="EndFuzzing"/>) it collects a last time and goes on until
/// the queue is empty or its deadline has passed. The deadline is checked between inputs and, through
/// <see cref="StoppableTransport"/>, between every two dext operations of an input's replay and
/// shrinking: an input still being triaged at the deadline is given up and stays queued (triage time
/// overruns by one dext operation at most — one call timeout). <see cref="Abort"/> (Ctrl-C, SIGTERM)
/// stops it the same way at once, and kills the triage's dexthost so that a call in flight ends now.
/// </summary>
public sealed class TriageWorker : IDisposable
{
    static readonly TimeSpan CollectInterval = TimeSpan.FromSeconds(2);

    readonly Triager _triager;
    readonly TriageQueue _queue;
    readonly CrashCollector? _collector;
    readonly Stopwatch _clock;
    readonly AutoResetEvent _wake = new(false);
    readonly ManualResetEventSlim _done = new(false);
    Thread? _thread;
    volatile bool _fuzzing;
    volatile bool _aborted;
    long _deadlineTicks = long.MaxValue;
    Exception? _failure;

    /// <param name="collector">null: only the queue is triaged (nothing new is collected).</param>
    /// <param name="fuzzing">true while afl-fuzz runs: no deadline yet, and an empty queue is waited on.</param>
    public TriageWorker(Triager triager, TriageQueue queue, CrashCollector? collector, Stopwatch clock, bool fuzzing)
    {
        _triager = triager;
        _queue = queue;
        _collector = collector;
        _clock = clock;
        _fuzzing = fuzzing;
        triager.Stopping = ShouldStop;
    }

    public TriageQueue Queue => _queue;

    /// <summary>True when triage must stop: aborted, or its deadline (on the campaign's clock) has passed.</summary>
    public bool ShouldStop() => _aborted || _clock.Elapsed.Ticks >= Interlocked.Read(ref _deadlineTicks);

    public bool IsDone => _done.IsSet;

    public bool Aborted => _aborted;

    /// <summary>Starts triaging on its own thread.</summary>
    public void Start()
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = "triage" };
        _thread.Start();
    }

    /// <summary>Fuzzing is over: triage what is left until <paramref name="deadline"/> on the campaign's clock.</summary>
    public void EndFuzzing(TimeSpan deadline)
    {
        Interlocked.Exchange(ref _deadlineTicks, deadline.Ticks);
        _fuzzing = false;
        _wake.Set();
    }

    /// <summary>Stops triage as soon as possible: the input in progress stays queued.</summary>
    public void Abort()
    {
        _aborted = true;
        _wake.Set();
        // A call in flight would otherwise run to its end (up to the call timeout).
        if (_triager.HostProcessId is { } host) Posix.Kill(host, Posix.SigKill);
    }

    /// <summary>Waits for the worker to finish (true), at most <paramref name="timeout"/>.</summary>
    public bool Wait(TimeSpan timeout) => _thread is null || _done.Wait(timeout);

    /// <summary>What made the worker fail, if anything did (rethrown by the campaign once it has written its figures).</summary>
    public Exception? Failure => _failure;

    void Loop()
    {
        try
        {
            while (true)
            {
                var over = !_fuzzing; // read before collecting: the last collection comes after afl-fuzz has stopped
                if (_collector is not null)
                    foreach (var input in _collector.Collect()) _queue.Add(input.Saved);
                if (ShouldStop()) return;
                if (_queue.Next() is { } next)
                {
                    var outcome = _triager.Process(next);
                    _queue.Finish(next, outcome);
                    if (outcome == TriageOutcome.Abandoned) return;
                    continue;
                }
                if (over) return;
                _wake.WaitOne(CollectInterval);
            }
        }
        catch (Exception e)
        {
            _failure = e;
        }
        finally
        {
            _done.Set();
        }
    }

    /// <summary>Waits for the end of the worker (bounded by the current input's next dext operation after a stop).</summary>
    public void Dispose()
    {
        if (_thread is not null && !_done.IsSet)
        {
            Abort();
            _done.Wait(TimeSpan.FromSeconds(30));
        }
        _wake.Dispose();
    }
}

using ConformanceKit.Transports;

namespace ConformanceKit.Fuzz.Triage;

/// <summary>Triage of the current input was stopped (out of time, or interrupted); the input stays queued.</summary>
public sealed class TriageStoppedException() : Exception("triage stopped");

/// <summary>
/// The triage's transport with a brake: once <c>stopping</c> says so, the next operation — replay or
/// shrink, whichever is running — throws <see cref="TriageStoppedException"/>, so an input's triage is
/// cut between two dext operations and never waits for its shrinking to end. A dext that "died"
/// because it was stopped with the campaign (killed by the campaign, or hit by the terminal's SIGINT,
/// on which dexthost exits 0) is not taken for a crash: that ends the input's triage the same way.
/// </summary>
public sealed class StoppableTransport(IDextTransport inner, Func<bool> stopping) : TransportDecorator(inner)
{
    /// <summary>How long a dext that exited 0 mid-call (dexthost's answer to SIGINT and SIGTERM) waits to be explained by a stop.</summary>
    static readonly TimeSpan StopSettle = TimeSpan.FromSeconds(1);

    /// <summary>Every operation, Reset included (the start of every run: where a stop requested between runs takes effect).</summary>
    protected override long Enter(string operation)
    {
        ThrowIfStopping();
        return 0;
    }

    protected override void Leave(string operation, long entered) => ThrowIfStopping();

    protected override Exception? Replace(Exception exception) => CausedByStop(exception) ? new TriageStoppedException() : null;

    void ThrowIfStopping()
    {
        if (stopping()) throw new TriageStoppedException();
    }

    bool CausedByStop(Exception e)
    {
        if (e is not (DextCrashedException or DextHungException)) return false;
        if (stopping()) return true;
        // The terminal's Ctrl-C reaches dexthost (it is in the campaign's process group) a moment
        // before the campaign's own handler has asked triage to stop.
        if (e is DextCrashedException { ExitCode: 0, Signal: null })
        {
            var until = DateTime.UtcNow + StopSettle;
            while (DateTime.UtcNow < until)
            {
                if (stopping()) return true;
                Thread.Sleep(10);
            }
        }
        return false;
    }
}

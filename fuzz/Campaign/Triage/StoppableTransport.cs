using ConformanceKit.IOKit;
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
public sealed class StoppableTransport(IDextTransport inner, Func<bool> stopping) : IDextTransport
{
    /// <summary>How long a dext that exited 0 mid-call (dexthost's answer to SIGINT and SIGTERM) waits to be explained by a stop.</summary>
    static readonly TimeSpan StopSettle = TimeSpan.FromSeconds(1);

    public IDextTransport Inner => inner;

    public string Kind => inner.Kind;
    public string Description => inner.Description;
    public bool HasVirtualClock => inner.HasVirtualClock;
    public bool CanObserveInternals => inner.CanObserveInternals;
    public bool CanChooseClientEntitlements => inner.CanChooseClientEntitlements;
    public bool IsolatesCrashes => inner.IsolatesCrashes;

    public string LastError() => Guard(inner.LastError);

    public int CountMatching(string serviceName) => Guard(() => inner.CountMatching(serviceName));

    public IOReturn Open(string serviceName, uint type, IReadOnlyList<string> accessIds, out ulong connection)
    {
        ulong opened = 0;
        var result = Guard(() => inner.Open(serviceName, type, accessIds, out opened));
        connection = opened;
        return result;
    }

    public IOReturn Close(ulong connection) => Guard(() => inner.Close(connection));

    public CallResult Call(ulong connection, uint selector, ReadOnlySpan<ulong> asyncReference, ReadOnlySpan<ulong> scalarInput,
        ReadOnlySpan<byte> structInput, Span<ulong> scalarOutput, Span<byte> structOutput)
    {
        ThrowIfStopping();
        CallResult result;
        try
        {
            result = inner.Call(connection, selector, asyncReference, scalarInput, structInput, scalarOutput, structOutput);
        }
        catch (Exception e) when (CausedByStop(e))
        {
            throw new TriageStoppedException();
        }
        ThrowIfStopping();
        return result;
    }

    public void Wait(ulong nanoseconds) => Guard(() => { inner.Wait(nanoseconds); return 0; });

    public void TakeCompletions(ulong connection, List<AsyncCompletion> sink) => Guard(() => { inner.TakeCompletions(connection, sink); return 0; });

    public IReadOnlyDictionary<string, long> LiveObjects() => Guard(inner.LiveObjects);

    public bool CanObserveHid => inner.CanObserveHid;

    public void TakeHidEvents(ConformanceKit.Transports.Hid.HidEvents sink) => Guard(() => { inner.TakeHidEvents(sink); return 0; });

    public string ReadLog(ulong connection) => Guard(() => inner.ReadLog(connection));

    public bool CanMapMemory => inner.CanMapMemory;

    public MemoryMapping MapMemory(ulong connection, uint type) => Guard(() => inner.MapMemory(connection, type));

    public IOReturn WriteMemory(ulong map, ulong offset, ReadOnlySpan<byte> bytes)
    {
        var copy = bytes.ToArray(); // a span cannot be captured by Guard's lambda
        return Guard(() => inner.WriteMemory(map, offset, copy));
    }

    public IOReturn ReadMemory(ulong map, ulong offset, Span<byte> bytes)
    {
        var buffer = new byte[bytes.Length];
        var result = Guard(() => inner.ReadMemory(map, offset, buffer));
        buffer.CopyTo(bytes);
        return result;
    }

    /// <summary>The start of every run: where a stop requested between runs takes effect.</summary>
    public void Reset() => Guard(() => { inner.Reset(); return 0; });

    public void Dispose() => inner.Dispose();

    T Guard<T>(Func<T> operation)
    {
        ThrowIfStopping();
        T result;
        try
        {
            result = operation();
        }
        catch (Exception e) when (CausedByStop(e))
        {
            throw new TriageStoppedException();
        }
        ThrowIfStopping();
        return result;
    }

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

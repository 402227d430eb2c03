using System.Runtime.InteropServices;

namespace ConformanceKit.Fuzz;

/// <summary>
/// SIGINT (Ctrl-C) and SIGTERM as a cancellation: instead of ending the process at once — which
/// left afl-fuzz and its dexthosts running, and the campaign unwritten — the signal cancels
/// <see cref="Token"/>, and the campaign stops afl-fuzz, every dexthost and triage, writes its
/// figures and returns; the command then exits <see cref="ExitCode"/>. Registered for the lifetime of
/// this object only.
/// </summary>
public sealed class Interruption : IDisposable
{
    /// <summary>The exit code of an interrupted campaign or triage, as a shell reports death by SIGINT (128 + 2).</summary>
    public const int ExitCode = 130;

    readonly CancellationTokenSource _source = new();
    readonly PosixSignalRegistration[] _registrations;
    int _signal;

    public Interruption()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle),
        ];
    }

    public CancellationToken Token => _source.Token;

    /// <summary>SIGINT or SIGTERM, once one has arrived.</summary>
    public string? SignalName => Volatile.Read(ref _signal) switch
    {
        0 => null,
        (int)PosixSignal.SIGTERM => "SIGTERM",
        _ => "SIGINT",
    };

    void Handle(PosixSignalContext context)
    {
        context.Cancel = true; // the campaign ends itself, cleanly
        if (Interlocked.CompareExchange(ref _signal, (int)context.Signal, 0) != 0) return;
        Console.Error.WriteLine($"conformancekit: {(context.Signal == PosixSignal.SIGTERM ? "SIGTERM" : "SIGINT")}: stopping afl-fuzz, its dexthosts and triage; the campaign is written before exit");
        // Off the signal's thread: cancelling runs the campaign's stop callbacks.
        Task.Run(() =>
        {
            try
            {
                _source.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The command had already finished.
            }
        });
    }

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _source.Dispose();
    }
}

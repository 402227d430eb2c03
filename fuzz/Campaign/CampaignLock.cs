using System.Globalization;

namespace ConformanceKit.Fuzz;

/// <summary>
/// One campaign (or one `conformancekit triage`) per output folder: an exclusive flock on
/// OUT/.campaign.lock, held for the whole command, with the holder's PID written into the file for
/// the refusal's message. A stale lock cannot exist: the kernel drops a flock when its holder's last
/// descriptor closes — when the process ends, however it ends (SIGKILL included) — and the descriptor
/// is close-on-exec, so no afl-fuzz or dexthost the holder started keeps it alive. A lock file left
/// behind is only a file: the next campaign takes it.
/// </summary>
public sealed class CampaignLock : IDisposable
{
    public const string FileName = ".campaign.lock";

    /// <summary>How long taking the lock retries: a concurrent <see cref="ThrowIfHeld"/> holds it for an instant.</summary>
    static readonly TimeSpan Patience = TimeSpan.FromMilliseconds(500);

    readonly FileLock _lock;

    CampaignLock(FileLock held) => _lock = held;

    public static string PathIn(string outputDirectory) => Path.Combine(outputDirectory, FileName);

    /// <summary>Refuses at once when a running campaign holds OUT; creates nothing.</summary>
    /// <exception cref="FuzzSetupException">another process holds the lock (one line naming its PID).</exception>
    public static void ThrowIfHeld(string outputDirectory)
    {
        if (FileLock.IsHeld(PathIn(outputDirectory))) throw InUse(outputDirectory);
    }

    /// <summary>Takes the lock (creating OUT and the lock file) and writes this process's PID into it.</summary>
    /// <exception cref="FuzzSetupException">another process holds the lock (one line naming its PID).</exception>
    public static CampaignLock Take(string outputDirectory)
    {
        var held = FileLock.TryAcquire(PathIn(outputDirectory), Patience) ?? throw InUse(outputDirectory);
        held.Write(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        return new CampaignLock(held);
    }

    /// <summary>The PID written in OUT's lock file, if any (the holder writes it right after taking the lock).</summary>
    public static int? Holder(string outputDirectory)
    {
        // The holder writes its PID just after flock() returns: give it a moment rather than say "unknown".
        for (var attempt = 0; attempt < 25; attempt++)
        {
            if (int.TryParse(FileLock.Read(PathIn(outputDirectory)).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid)) return pid;
            Thread.Sleep(20);
        }
        return null;
    }

    static FuzzSetupException InUse(string outputDirectory) =>
        new(Holder(outputDirectory) is { } pid
            ? $"{outputDirectory} is in use by the campaign of PID {pid.ToString(CultureInfo.InvariantCulture)} (one campaign per folder; wait for it, or stop it with Ctrl-C or kill -INT {pid.ToString(CultureInfo.InvariantCulture)})"
            : $"{outputDirectory} is in use by another campaign (one campaign per folder)");

    public void Dispose() => _lock.Dispose();
}

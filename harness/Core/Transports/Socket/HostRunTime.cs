using System.Globalization;

namespace ConformanceKit.Transports.Socket;

/// <summary>
/// How long a dexthost has had to answer a call — the time its per-call timeout is charged with.
/// Wall-clock time is the wrong measure on a busy machine: a host that is runnable but waits for a
/// CPU (a CI runner running four test assemblies and a fuzz campaign on two cores) is not hung, and
/// judging it by the wall clock turns load into false "hang" findings. So a call is charged with
/// <list type="bullet">
/// <item>the CPU time the host consumed since the call was sent (a dext spinning in a loop), and</item>
/// <item>the wall time during which no thread of the host was runnable (a dext blocked for good on
/// a lock or a wait that nothing will end).</item>
/// </list>
/// Time the host spent runnable but not running, or in uninterruptible I/O, is the machine's, not
/// the dext's, and is not charged. Read from Linux's /proc (proc(5): /proc/PID/stat fields 14–15,
/// utime and stime in clock ticks; /proc/PID/task/TID/stat field 3, the thread state). Where /proc
/// cannot be read (not Linux, the host gone) every second of wall time is charged, as before.
/// Sampled only while a call is outstanding past a wait slice, so a call that answers at once costs
/// nothing.
/// </summary>
internal sealed class HostRunTime
{
    /// <summary>USER_HZ: the unit of utime and stime. 100 on every Linux ABI .NET runs on (see proc(5)).</summary>
    const double TicksPerSecond = 100;

    readonly int _processId;
    readonly double? _cpuAtStart;
    TimeSpan _blocked;
    bool _unreadable;

    HostRunTime(int processId)
    {
        _processId = processId;
        _cpuAtStart = CpuSeconds(processId);
        _unreadable = _cpuAtStart is null;
    }

    /// <summary>Starts charging a call sent to the host with this process ID.</summary>
    public static HostRunTime Start(int processId) => new(processId);

    /// <summary>
    /// Charges one wait slice that passed without an answer; returns the total charged so far.
    /// <paramref name="slice"/> is the wall time of the slice.
    /// </summary>
    public TimeSpan Charge(TimeSpan slice)
    {
        if (_unreadable) return _blocked += slice;
        var cpu = CpuSeconds(_processId);
        var state = Blocked(_processId);
        if (cpu is null || state is null)
        {
            _unreadable = true;
            return _blocked += slice;
        }
        if (state == true) _blocked += slice;
        return _blocked + TimeSpan.FromSeconds(Math.Max(0, cpu.Value - _cpuAtStart!.Value));
    }

    /// <summary>utime + stime of the whole process, in seconds; null when unreadable.</summary>
    static double? CpuSeconds(int processId) =>
        ReadText($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/stat") is { } text ? ParseCpuSeconds(text) : null;

    /// <summary>utime + stime from the text of a /proc/PID/stat file, in seconds; null when malformed.</summary>
    internal static double? ParseCpuSeconds(string statText)
    {
        var fields = StatFields(statText);
        // After the command name, field 3 (the state) is index 0: utime (14) is index 11, stime (15) 12.
        if (fields is null || fields.Length < 13) return null;
        if (!long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out var user) ||
            !long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out var system))
            return null;
        return (user + system) / TicksPerSecond;
    }

    /// <summary>
    /// True when every thread of the host sleeps or is stopped (S, I, T, t: nothing for the machine to
    /// do); false when one is running or runnable (R) or in uninterruptible I/O (D); null when unreadable.
    /// </summary>
    static bool? Blocked(int processId)
    {
        string[] threads;
        try
        {
            threads = Directory.GetDirectories($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/task");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        // A thread that ended meanwhile has no stat to read and is left out.
        var states = threads.Select(t => ReadText(Path.Combine(t, "stat")))
            .Select(text => text is null ? null : StatFields(text))
            .Where(fields => fields is { Length: > 0 })
            .Select(fields => fields![0]);
        return AllBlocked(states);
    }

    /// <summary>The classification of <see cref="Blocked"/> from the threads' state letters.</summary>
    internal static bool? AllBlocked(IEnumerable<string> threadStates)
    {
        var any = false;
        foreach (var state in threadStates)
        {
            any = true;
            if (state is "R" or "D") return false;
        }
        return any ? true : null;
    }

    /// <summary>The fields of a stat file after the parenthesised command name (which may hold spaces).</summary>
    static string[]? StatFields(string text)
    {
        var end = text.LastIndexOf(')');
        return end < 0 ? null : text[(end + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    static string? ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

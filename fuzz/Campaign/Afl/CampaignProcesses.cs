using System.Text;

namespace ConformanceKit.Fuzz.Afl;

/// <summary>
/// Every process a campaign's afl-fuzz instances brought into the world — afl-fuzz, its fork server
/// and targets (which afl-fuzz puts in sessions of their own) and each target's dexthost — carries
/// the campaign's marker in its environment: <see cref="MarkerVariable"/>=OUT, set on afl-fuzz and
/// inherited from there down. Processes are found by that marker in /proc/&lt;pid&gt;/environ, so an
/// orphan re-parented to init, or one in another process group, is found all the same; nothing
/// without the marker (the user's shell in OUT, another campaign) is ever touched.
/// </summary>
public static class CampaignProcesses
{
    public const string MarkerVariable = "CK_FUZZ_CAMPAIGN";

    /// <summary>The live processes of the campaign in OUT (zombies excluded: they are gone, only not yet reaped).</summary>
    public static IReadOnlyList<int> Find(string outputDirectory)
    {
        var marker = Encoding.UTF8.GetBytes($"{MarkerVariable}={outputDirectory}");
        var found = new List<int>();
        if (!Directory.Exists("/proc")) return found;
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var pid) || pid == Environment.ProcessId) continue;
            try
            {
                if (HasVariable(File.ReadAllBytes(Path.Combine(entry, "environ")), marker) && !IsZombie(entry)) found.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or not ours to read.
            }
        }
        return found;
    }

    /// <summary>
    /// SIGKILLs every process of the campaign (but those in <paramref name="spared"/>) until none is
    /// left, or <paramref name="patience"/> has passed; true when none is left.
    /// </summary>
    public static bool KillAll(string outputDirectory, TimeSpan patience, IReadOnlyCollection<int>? spared = null)
    {
        var until = DateTime.UtcNow + patience;
        while (true)
        {
            var left = Find(outputDirectory).Where(pid => spared is null || !spared.Contains(pid)).ToArray();
            if (left.Length == 0) return true;
            if (DateTime.UtcNow >= until) return false;
            foreach (var pid in left) Posix.Kill(pid, Posix.SigKill);
            Thread.Sleep(50);
        }
    }

    static bool HasVariable(byte[] environ, byte[] marker)
    {
        var start = 0;
        while (start < environ.Length)
        {
            var end = Array.IndexOf(environ, (byte)0, start);
            if (end < 0) end = environ.Length;
            if (end - start == marker.Length && environ.AsSpan(start, end - start).SequenceEqual(marker)) return true;
            start = end + 1;
        }
        return false;
    }

    static bool IsZombie(string procEntry)
    {
        var stat = File.ReadAllText(Path.Combine(procEntry, "stat"));
        var close = stat.LastIndexOf(')');
        return close > 0 && close + 2 < stat.Length && stat[close + 2] is 'Z' or 'X';
    }

    /// <summary>The process group of a process (/proc/&lt;pid&gt;/stat), or null when it is gone.</summary>
    public static int? ProcessGroup(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.TryParse(fields[2], out var group) ? group : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}

using System.Text.RegularExpressions;

namespace ConformanceKit.Runner;

/// <summary>
/// Turns a sanitizer report into a stable kind for dedup: the bug type, the access, and the top frames
/// of the dext's own code, without addresses, pids or paths ("heap-buffer-overflow-read@NullDriver::HandleExternalStruct").
/// Like syzkaller's report titles, the same bug gives the same kind on every run and machine.
/// </summary>
public static partial class CrashSignature
{
    const int FramesKept = 2;

    [GeneratedRegex(@"ERROR: (?:AddressSanitizer|LeakSanitizer|MemorySanitizer|ThreadSanitizer): ([\w-]+)")]
    private static partial Regex SanitizerBug();

    [GeneratedRegex(@"^(READ|WRITE) of size", RegexOptions.Multiline)]
    private static partial Regex Access();

    [GeneratedRegex(@"runtime error: ([a-z ]+?)(?: of| at| by|:|$)", RegexOptions.Multiline)]
    private static partial Regex UndefinedBehavior();

    [GeneratedRegex(@"^\s*#\d+ 0x[0-9a-f]+ in (.+?)(?:\s+/|\s+\(|$)", RegexOptions.Multiline)]
    private static partial Regex Frame();

    [GeneratedRegex(@"SUMMARY: UndefinedBehaviorSanitizer: [\w-]+ (?:.*/)?([^/:\s]+):(\d+)")]
    private static partial Regex UndefinedBehaviorPlace();

    public static string Kind(string report, string summary)
    {
        var bug = SanitizerBug().Match(report);
        if (bug.Success)
        {
            var access = Access().Match(report);
            var kind = bug.Groups[1].Value + (access.Success ? "-" + access.Groups[1].Value.ToLowerInvariant() : "");
            var frames = TopFrames(report);
            return frames.Count == 0 ? kind : $"{kind}@{string.Join("<", frames)}";
        }
        var ub = UndefinedBehavior().Match(report);
        if (ub.Success)
        {
            var place = UndefinedBehaviorPlace().Match(report);
            var what = "ub-" + ub.Groups[1].Value.Trim().Replace(' ', '-');
            return place.Success ? $"{what}@{place.Groups[1].Value}" : what;
        }
        return "crash-" + Regex.Replace(summary.ToLowerInvariant(), "[^a-z0-9]+", "-").Trim('-');
    }

    /// <summary>The first frames that are the dext's or the runtime's code, not the sanitizer's or libc's.</summary>
    public static IReadOnlyList<string> TopFrames(string report)
    {
        var frames = new List<string>();
        foreach (Match match in Frame().Matches(report))
        {
            var function = match.Groups[1].Value.Trim();
            var paren = function.IndexOf('(', StringComparison.Ordinal);
            if (paren > 0) function = function[..paren];
            if (IsRuntimeNoise(function)) continue;
            frames.Add(function);
            if (frames.Count == FramesKept) break;
        }
        return frames;
    }

    static bool IsRuntimeNoise(string function) =>
        function.StartsWith("__asan", StringComparison.Ordinal) ||
        function.StartsWith("__interceptor", StringComparison.Ordinal) ||
        function.StartsWith("__sanitizer", StringComparison.Ordinal) ||
        function.StartsWith("__ubsan", StringComparison.Ordinal) ||
        function is "memcpy" or "memmove" or "memset" or "strlen" or "__memcpy_chk";
}

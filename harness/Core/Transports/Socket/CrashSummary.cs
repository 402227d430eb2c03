using System.Text.RegularExpressions;

namespace ConformanceKit.Transports.Socket;

/// <summary>
/// The one-line title of a host's death: the sanitizer's bug type ("AddressSanitizer: heap-buffer-overflow"),
/// UBSan's "runtime error: ..." line, dexthost's own last error line, or how the process ended.
/// </summary>
internal static partial class CrashSummary
{
    // The bug's words up to its address or detail: "heap-buffer-overflow", "SEGV", "attempting
    // double-free", "detected memory leaks".
    [GeneratedRegex(@"ERROR: (\w+Sanitizer): ([A-Za-z][\w-]*(?: [A-Za-z][A-Za-z-]*)*?)(?= on | at | in | for |:| \(| 0x| \d|\s*$)", RegexOptions.Multiline)]
    private static partial Regex SanitizerError();

    [GeneratedRegex(@"runtime error: [^\n]*")]
    private static partial Regex RuntimeError();

    [GeneratedRegex(@"^dexthost: [^\n]*", RegexOptions.Multiline)]
    private static partial Regex HostError();

    public static string From(string report, int? exitCode, int? signal)
    {
        if (SanitizerError().Match(report) is { Success: true } sanitizer)
            return $"{sanitizer.Groups[1].Value}: {sanitizer.Groups[2].Value}";
        if (RuntimeError().Match(report) is { Success: true } ub) return ub.Value.TrimEnd();
        if (HostError().Matches(report) is { Count: > 0 } host) return host[^1].Value.TrimEnd();
        if (signal is { } number) return $"signal {number}";
        return exitCode is { } code ? $"exit {code}" : "connection lost";
    }
}

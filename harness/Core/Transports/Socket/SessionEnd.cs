using System.Globalization;
using System.Text.RegularExpressions;

namespace ConformanceKit.Transports.Socket;

/// <summary>
/// How a fork-server copy of dexthost ended, as the server writes it on stderr once it has reaped the
/// copy (dext/host/src/ForkServer.h kSessionEndPrefix; PROTOCOL.md "Fork server"):
/// <c>dexthost: session PID ended: exit status N</c> or <c>dexthost: session PID ended: signal N</c>.
/// Everything the copy wrote comes before that line, so the text up to it is the copy's report.
/// </summary>
internal static partial class SessionEnd
{
    public const string Prefix = "dexthost: session ";

    [GeneratedRegex(@"^dexthost: session (\d+) ended: (exit status|signal) (\d+)$", RegexOptions.Multiline)]
    private static partial Regex Line();

    /// <summary>
    /// Finds the end line of copy <paramref name="processId"/> in <paramref name="text"/>: the copy's
    /// stderr (the text before the line) and its exit status or signal.
    /// </summary>
    public static bool TryFind(string text, int processId, out string before, out int? exitCode, out int? signal)
    {
        foreach (Match match in Line().Matches(text))
        {
            if (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) != processId) continue;
            var number = int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
            var bySignal = match.Groups[2].Value == "signal";
            (before, exitCode, signal) = (text[..match.Index], bySignal ? null : number, bySignal ? number : null);
            return true;
        }
        (before, exitCode, signal) = (text, null, null);
        return false;
    }
}
